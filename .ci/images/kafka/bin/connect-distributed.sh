#!/bin/bash
# as the distribution's connect-distributed.sh
export KAFKA_LOGBACK=${KAFKA_LOGBACK:-/opt/kafka/config-defaults/logback.xml}
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.connect.cli.ConnectDistributed "$@"
