# sender-worker image, built from the sources (no JDK or Maven needed on the host), from the repository root:
#   docker build -f docker/sender-worker.Dockerfile -t chat-signals/sender-worker .
# The base images are build arguments (defaults: the public images); the app runs as the numeric user 10001:10001.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dimage -Dmaven.test.skip=true -pl sender-worker -am package

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=10001:10001 /src/sender-worker/target/sender-worker-*-all.jar /app/app.jar
USER 10001:10001
# configuration and provider credentials come from the environment (see docs/configuration.md, "sender-worker")
ENV HTTP_PORT=8081
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-cp", "/app/app.jar", "io.chatsignals.ops.HealthProbe", "http://127.0.0.1:8081/health/ready"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
