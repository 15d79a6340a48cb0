#!/bin/bash
# as the distribution's kafka-storage.sh
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
