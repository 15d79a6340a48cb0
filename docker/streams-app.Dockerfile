# streams-app image, built from the sources (no JDK or Maven needed on the host), from the repository root:
#   docker build -f docker/streams-app.Dockerfile -t chat-signals/streams-app .
# The base images are build arguments (defaults: the public images); the app runs as the numeric user 10001:10001,
# which the Kubernetes manifests name as runAsUser/runAsGroup/fsGroup.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# -Dimage: only the modules the app needs (not the embedded test stack)
RUN mvn -B -q -Dimage -Dmaven.test.skip=true -pl streams-app -am package

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/state && chown -R 10001:10001 /app
WORKDIR /app
COPY --from=build --chown=10001:10001 /src/streams-app/target/streams-app-*-all.jar /app/app.jar
USER 10001:10001
# configuration comes from the environment (see docs/configuration.md, "streams-app"): BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, READ_POLICY, …
# the heap takes half of the memory limit: RocksDB's off-heap stores (state.rocksdb.memory-mb) and the JVM's own
# non-heap memory need the rest (docs/operations.md); override JDK_JAVA_OPTIONS to size it otherwise
ENV HTTP_PORT=8080 STATE_DIR=/app/state JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=50
EXPOSE 8080
VOLUME /app/state
HEALTHCHECK --interval=10s --timeout=5s --start-period=40s --retries=3 \
  CMD ["java", "-cp", "/app/app.jar", "io.chatsignals.ops.HealthProbe", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
