package io.chatsignals.devstack.connect;

import java.util.Map;

/** The worker settings every Connect worker of the devstack starts from, in-process or as a separate process. */
final class WorkerDefaults {
    private WorkerDefaults() {}

    /**
     * @param bootstrapServers the brokers
     * @param restPort         the REST port on 127.0.0.1 (0: any free one)
     * @return bootstrap servers, REST listener, plugins found by their service manifests on the class path (no
     *         {@code plugin.path} scan), string keys and JSON values (a caller overrides the value converter), source
     *         offsets flushed every 1 s (Connect's default is 60 s: what a crash of a standalone worker re-emits)
     */
    static Map<String, String> of(String bootstrapServers, int restPort) {
        return Map.of(
                "bootstrap.servers", bootstrapServers,
                "listeners", "http://127.0.0.1:" + restPort,
                "plugin.discovery", "service_load",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "offset.flush.interval.ms", "1000");
    }
}
