# chat-signals CLI image (publish, status tail, dlq replay, register-schemas), from the repository root:
#   docker build -f docker/cli.Dockerfile -t chat-signals/cli .
#   docker run --rm --network chat-signals_default chat-signals/cli status tail --bootstrap-servers kafka:29092 …
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl cli -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=app:app /src/cli/target/chat-signals-cli-*-all.jar /app/cli.jar
USER app
# BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL and SCHEMA_REGISTRY_USER_INFO are read from the environment
ENTRYPOINT ["java", "-jar", "/app/cli.jar"]
