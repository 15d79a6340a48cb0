package io.chatsignals.devstack.run;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.LogFormat;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.worker.WorkerSettings;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.provider.Credentials;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each app reads, as environment variable names, for checking deployment files against the apps: a variable a
 * deployment sets must be a setting the app reads (or a {@code KAFKA_*} client setting, or a provider credential).
 */
final class AppSettings {
    private static final Set<String> STREAMS = envNames(streamsKeys());
    private static final Set<String> WORKER = envNames(workerKeys());
    private static final Set<String> CREDENTIALS = envNames(new HashSet<>(Credentials.KEYS));

    private AppSettings() {}

    static boolean streamsReads(String variable) {
        return variable.startsWith("KAFKA_") || STREAMS.contains(variable);
    }

    static boolean workerReads(String variable) {
        boolean credential = CREDENTIALS.stream().anyMatch(p -> variable.equals(p) || variable.startsWith(p + "_"));
        return variable.startsWith("KAFKA_") || credential || WORKER.contains(variable);
    }

    private static Set<String> streamsKeys() {
        AppConfig config = AppConfig.of(required());
        StreamsSettings.from(config);
        LogFormat.read(config);
        return config.keysRead();
    }

    private static Set<String> workerKeys() {
        AppConfig config = AppConfig.of(required());
        WorkerSettings settings = WorkerSettings.from(config);
        settings.perSecond(new LimitKey(Provider.EIGHT_BY_EIGHT, "acme", LimitKey.Operation.MARK_READ));
        settings.perSecond(new LimitKey(Provider.NXCLOUD, "8613800000000", LimitKey.Operation.MARK_READ));
        LogFormat.read(config);
        return config.keysRead();
    }

    static Map<String, String> required() {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "kafka:9092");
        m.put("schema.registry.url", "http://schema-registry:8081");
        return m;
    }

    private static Set<String> envNames(Set<String> keys) {
        Set<String> out = new HashSet<>();
        keys.forEach(k -> out.add(AppConfig.envName(k)));
        return out;
    }
}
