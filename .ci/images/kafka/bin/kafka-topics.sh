#!/bin/bash
# as the distribution's kafka-topics.sh
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.TopicCommand "$@"
