#!/bin/bash
# as the distribution's kafka-server-start.sh
export KAFKA_LOGBACK=${KAFKA_LOGBACK:-/opt/kafka/config-defaults/logback.xml}
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
