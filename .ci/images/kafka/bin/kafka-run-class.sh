#!/bin/bash
# kafka-run-class.sh CLASS [ARGS...]: one JVM on Kafka's jars, as the distribution's script of that name (the heap,
# JVM and extra options from KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_OPTS; logging from KAFKA_LOGBACK).
exec java ${KAFKA_HEAP_OPTS:-} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_OPTS:-} \
  -Dlogback.configurationFile="${KAFKA_LOGBACK:-/opt/kafka/config-defaults/tools-logback.xml}" \
  -cp "/opt/kafka/libs/*" "$@"
