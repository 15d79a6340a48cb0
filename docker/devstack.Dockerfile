# Demo-only image (compose profile "demo"): the provider simulator (8x8 and NXCloud) and the webhook traffic
# generator, from the repository root:
#   docker build -f docker/devstack.Dockerfile -t chat-signals/devstack .
# Never point production traffic at it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl devstack/local-run -am package -DskipTests \
    && mvn -B -q -pl devstack/local-run dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
    && cp devstack/local-run/target/devstack-local-run-*.jar /out/lib/

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=app:app /out/lib /app/lib
COPY --chown=app:app docker/demo /app/demo
USER app
# the main class is the first argument: io.chatsignals.devstack.simulator.SimulatorMain or
# io.chatsignals.devstack.run.traffic.TrafficMain
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*"]
