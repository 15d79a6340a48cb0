# streams-app image, built from the sources (no JDK or Maven needed on the host), from the repository root:
#   docker build -f docker/streams-app.Dockerfile -t chat-signals/streams-app .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl streams-app -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/state && chown -R app:app /app
WORKDIR /app
COPY --from=build --chown=app:app /src/streams-app/target/streams-app-*-all.jar /app/app.jar
USER app
# configuration comes from the environment (see README, "streams-app"): BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, READ_POLICY, …
ENV HTTP_PORT=8080 STATE_DIR=/app/state
EXPOSE 8080
VOLUME /app/state
HEALTHCHECK --interval=10s --timeout=5s --start-period=40s --retries=3 \
  CMD ["java", "-cp", "/app/app.jar", "io.chatsignals.ops.HealthProbe", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
