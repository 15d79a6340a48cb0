# CI only: a stand-in for apache/kafka (no registry serves it here), for the Compose demo, the Testcontainers backend
# and as the Connect image's base: Kafka's own jars at the build's Kafka version (the class path of
# .ci/images/kafka/pom.xml) under /opt/kafka, laid out and started as the official image is — /etc/kafka/docker/run
# (Kafka's docker wrapper: KAFKA_* environment to server.properties, storage formatted with CLUSTER_ID), the
# distribution's script names under /opt/kafka/bin, the data in /var/lib/kafka/data, the user appuser (uid 1000).
# The context is .ci/images/kafka with the jars copied into libs/.
ARG BASE=localhost/jdk17-maven
FROM ${BASE}
RUN useradd --uid 1000 --user-group --no-create-home --home-dir /home/appuser appuser \
 && mkdir -p /opt/kafka/config /mnt/shared/config /var/lib/kafka/data /etc/kafka/docker \
 && chown -R appuser:appuser /opt/kafka/config /var/lib/kafka/data
COPY libs /opt/kafka/libs
COPY bin /opt/kafka/bin
COPY config /opt/kafka/config-defaults
COPY docker /etc/kafka/docker
USER appuser
EXPOSE 9092
CMD ["/etc/kafka/docker/run"]
