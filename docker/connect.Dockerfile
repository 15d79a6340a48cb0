# Kafka Connect (distributed mode) with the Huawei case source connector on its plugin path, from the repository root:
#   docker build -f docker/connect.Dockerfile -t chat-signals/connect .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# the connector jar and its runtime dependencies (connect-api is provided by the worker) form one plugin directory
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl connect/huawei-case -am install -DskipTests \
 && mvn -B -q -pl connect/huawei-case dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/plugin/huawei-case \
 && cp connect/huawei-case/target/huawei-case-connector-*.jar /plugin/huawei-case/

FROM apache/kafka:4.1.1
COPY --from=build /plugin/ /opt/connect-plugins/
COPY docker/connect/connect-distributed.properties /etc/connect/connect-distributed.properties
EXPOSE 8083
ENTRYPOINT ["/opt/kafka/bin/connect-distributed.sh", "/etc/connect/connect-distributed.properties"]
