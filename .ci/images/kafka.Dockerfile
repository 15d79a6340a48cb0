# CI only: a stand-in for apache/kafka (no registry serves it here) as the Connect image's base: Kafka's own Connect
# runtime at the build's Kafka version (the jars of devstack/connect's runtime class path) under /opt/kafka, started
# as apache/kafka's image starts it (/opt/kafka/bin/connect-distributed.sh <worker properties>).
ARG BASE=localhost/jdk17-maven
FROM ${BASE}
COPY libs /opt/kafka/libs
RUN mkdir -p /opt/kafka/bin \
 && printf '#!/bin/sh\nexec java ${KAFKA_HEAP_OPTS:-} -cp "/opt/kafka/libs/*" org.apache.kafka.connect.cli.ConnectDistributed "$@"\n' \
      > /opt/kafka/bin/connect-distributed.sh \
 && chmod 755 /opt/kafka/bin/connect-distributed.sh
