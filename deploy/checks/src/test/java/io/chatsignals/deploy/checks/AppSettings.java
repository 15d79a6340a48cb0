package io.chatsignals.deploy.checks;

import io.chatsignals.ingress.IngressConfig;
import io.chatsignals.ingress.IngressSettings;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.LogFormat;
import io.chatsignals.ops.MappingProperties;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.streams.StreamsAppConfig;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.worker.WorkerConfig;
import io.chatsignals.worker.WorkerSettings;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.provider.Registrations;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each app reads, as environment variable names, for checking deployment files against the apps: a variable a
 * deployment sets must be a setting the app reads (or a {@code KAFKA_*} client setting, or a provider credential).
 */
final class AppSettings {
    private static final Set<String> STREAMS = envNames(streamsKeys());
    private static final Set<String> WORKER = envNames(workerKeys());
    private static final Set<String> CREDENTIALS = envNames(new HashSet<>(Registrations.secretKeys()));
    private static final Set<String> INGRESS = envNames(keysRead("ingress"));

    /** Read by the OpenTelemetry SDK's autoconfiguration, which every app runs (Tracing.install): every OTEL_* variable. */
    private static final String TRACING = "OTEL_";

    /** Read by the JVM's launcher, not the app: heap sizing and the like. */
    private static final Set<String> JVM = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

    private AppSettings() {}

    static boolean streamsReads(String variable) {
        return variable.startsWith("KAFKA_")
                || variable.startsWith(TRACING)
                || JVM.contains(variable)
                || STREAMS.contains(variable);
    }

    static boolean workerReads(String variable) {
        boolean credential = CREDENTIALS.stream().anyMatch(p -> variable.equals(p) || variable.startsWith(p + "_"));
        return variable.startsWith("KAFKA_")
                || variable.startsWith(TRACING)
                || JVM.contains(variable)
                || credential
                || WORKER.contains(variable);
    }

    static boolean ingressReads(String variable) {
        boolean secret = INGRESS.stream().anyMatch(k -> variable.equals(k) || variable.equals(k + "_FILE"))
                || variable.startsWith("ACTIVITY_TOKEN_");
        return variable.startsWith("KAFKA_")
                || variable.startsWith(TRACING)
                || JVM.contains(variable)
                || secret
                || INGRESS.contains(variable);
    }

    private static Set<String> streamsKeys() {
        return keysRead("streams-app");
    }

    private static Set<String> workerKeys() {
        return keysRead("sender-worker");
    }

    /**
     * @return every key the app reads with only the required settings given: its mapping, its lookups, and for the
     *         worker the limits of every provider and operation (per-account overrides aside) and every provider
     *         registration's settings
     */
    static Set<String> keysRead(String app) {
        AppConfig config = AppConfig.of(required());
        LogFormat.read(config);
        if (app.equals("streams-app")) {
            StreamsSettings.from(config);
        } else if (app.equals("ingress")) {
            IngressSettings.from(config);
        } else {
            WorkerSettings settings = WorkerSettings.from(config);
            for (ProviderSpec provider : ProviderSpecs.known()) {
                for (LimitKey.Operation op : LimitKey.Operation.values()) {
                    settings.perSecond(new LimitKey(provider.provider(), "acme", op));
                }
            }
            Registrations.ALL.forEach(r -> config.mapping(r.settings()));
        }
        return config.keysRead();
    }

    /**
     * @return every property of the app's {@code @ConfigMapping}s (for the worker, each provider registration's too),
     *         with its default when it has one
     */
    static Map<String, Optional<String>> mapped(String app) {
        Map<String, Optional<String>> mapped = new LinkedHashMap<>(MappingProperties.of(
                switch (app) {
                    case "streams-app" -> StreamsAppConfig.class;
                    case "ingress" -> IngressConfig.class;
                    default -> WorkerConfig.class;
                }));
        if (app.equals("sender-worker")) { // each provider's own settings
            Registrations.ALL.forEach(r -> mapped.putAll(MappingProperties.of(r.settings())));
        }
        return mapped;
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
