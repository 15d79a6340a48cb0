# Demo-only image (compose profile "demo"): the provider simulator (8x8, NXCloud, Huawei) and the webhook traffic
# generator, from the repository root:
#   docker build -f docker/devstack.Dockerfile -t chat-signals/devstack .
# Never point production traffic at it. Base images are build arguments; it runs as the numeric user 10001:10001.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# the traffic generator lives in devstack/local-run, which brings the embedded stack with it (demo only)
# install (inside this stage): the second command resolves the project's modules from the local repository
RUN mvn -B -q -Dimage -Dmaven.test.skip=true -pl devstack/local-run -am install \
    && mvn -B -q -Dimage -pl devstack/local-run dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
    && cp devstack/local-run/target/devstack-local-run-*.jar /out/lib/

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=10001:10001 /out/lib /app/lib
COPY --chown=10001:10001 docker/demo /app/demo
USER 10001:10001
# the main class is the first argument: io.chatsignals.devstack.simulator.SimulatorMain or
# io.chatsignals.devstack.run.traffic.TrafficMain
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*"]
