# sender-worker image, built from the sources (no JDK or Maven needed on the host), from the repository root:
#   docker build -f docker/sender-worker.Dockerfile -t chat-signals/sender-worker .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl sender-worker -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=app:app /src/sender-worker/target/sender-worker-*-all.jar /app/app.jar
USER app
# configuration and provider credentials come from the environment (see README, "sender-worker")
ENV HTTP_PORT=8081
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-cp", "/app/app.jar", "io.chatsignals.ops.HealthProbe", "http://127.0.0.1:8081/health/ready"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
