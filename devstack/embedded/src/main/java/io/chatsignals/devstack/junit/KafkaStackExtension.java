package io.chatsignals.devstack.junit;

import io.chatsignals.devstack.kafka.KafkaBackends;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaBroker} and {@link EmbeddedSchemaRegistry} parameters for {@link KafkaStack} tests. Instances
 * live in the root extension store: one broker and one registry per test JVM, closed when the run ends. A class
 * whose chosen backend cannot run here (Testcontainers without Docker) is skipped with the reason, before any test.
 */
public final class KafkaStackExtension implements BeforeAllCallback, ParameterResolver {
    /** System property choosing the registry launch mode: {@code child-process} (default) or {@code in-process}. */
    public static final String REGISTRY_MODE_PROPERTY = "chatsignals.registry.mode";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaBackends.unavailableReason(KafkaBackends.configured())
                .ifPresent(reason -> Assumptions.abort("skipped: " + reason));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == EmbeddedSchemaRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (parameter.getParameter().getType() == KafkaBroker.class) {
            String backend = KafkaBackends.configured();
            return store.getOrComputeIfAbsent(
                    "broker:" + backend, key -> KafkaBackends.start(backend), KafkaBroker.class);
        }
        EmbeddedSchemaRegistry.Mode mode =
                EmbeddedSchemaRegistry.Mode.parse(System.getProperty(REGISTRY_MODE_PROPERTY, "child-process"));
        return store.getOrComputeIfAbsent(
                "registry:" + mode,
                key -> EmbeddedSchemaRegistry.start(mode, Path.of("target", "registry-logs")),
                EmbeddedSchemaRegistry.class);
    }
}
