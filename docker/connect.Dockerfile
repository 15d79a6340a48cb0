# Kafka Connect (distributed mode) with the Huawei case source connector on its plugin path, from the repository root:
#   docker build -f docker/connect.Dockerfile -t chat-signals/connect .
# The worker is Kafka's own Connect runtime at the Kafka version the project builds and tests on (4.3.1, the root
# pom's kafka.version); the plugin directory holds the connector and its own dependencies, none of Kafka's jars (the
# worker provides connect-api and kafka-clients). Runs as the numeric user 10001:10001.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG KAFKA_IMAGE=apache/kafka:4.3.1
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dimage -Dmaven.test.skip=true -pl connect/huawei-case -am install \
 && mvn -B -q -Dimage -pl connect/huawei-case dependency:copy-dependencies -DincludeScope=runtime \
      -DexcludeGroupIds=org.apache.kafka -DoutputDirectory=/plugin/huawei-case \
 && cp connect/huawei-case/target/huawei-case-connector-*.jar /plugin/huawei-case/

FROM ${KAFKA_IMAGE}
COPY --from=build --chown=10001:10001 /plugin/ /opt/connect-plugins/
COPY --chown=10001:10001 docker/connect/connect-distributed.properties /etc/connect/connect-distributed.properties
USER 10001:10001
EXPOSE 8083
ENTRYPOINT ["/opt/kafka/bin/connect-distributed.sh", "/etc/connect/connect-distributed.properties"]
