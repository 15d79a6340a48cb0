# chat-signals CLI image (publish, status tail, dlq replay, register-schemas), from the repository root:
#   docker build -f docker/cli.Dockerfile -t chat-signals/cli .
#   docker run --rm --network chat-signals_default chat-signals/cli status tail --bootstrap-servers kafka:29092 …
# The base images are build arguments (defaults: the public images); it runs as the numeric user 10001:10001.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dimage -Dmaven.test.skip=true -pl cli -am package

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=10001:10001 /src/cli/target/chat-signals-cli-*-all.jar /app/cli.jar
USER 10001:10001
# BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL and SCHEMA_REGISTRY_USER_INFO are read from the environment
ENTRYPOINT ["java", "-jar", "/app/cli.jar"]
