# sender-worker image. Build the jar first: mvn -B package -DskipTests (from the repository root), then
#   docker build -f docker/sender-worker.Dockerfile -t chat-signals/sender-worker .
FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --chown=app:app sender-worker/target/sender-worker-*-all.jar /app/app.jar
USER app
# configuration and provider credentials come from the environment (see README, "sender-worker")
ENV HTTP_PORT=8081
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-cp", "/app/app.jar", "io.chatsignals.ops.HealthProbe", "http://127.0.0.1:8081/health/ready"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
