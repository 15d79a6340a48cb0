package io.chatsignals.devstack.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The broker backends a test or the local run can choose by name: {@code embedded} and {@code testcontainers}. */
public final class KafkaBackends {
    /** System property choosing the backend of {@link io.chatsignals.devstack.junit.KafkaStack} tests. */
    public static final String PROPERTY = "chatsignals.kafka.backend";
    /** The backend used when none is chosen. */
    public static final String DEFAULT = "embedded";

    private KafkaBackends() {}

    /** @return the backend named by {@value #PROPERTY}, lower-cased, or {@value #DEFAULT} */
    public static String configured() {
        return System.getProperty(PROPERTY, DEFAULT).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @return why the named backend cannot run on this machine (no Docker engine for {@code testcontainers}), or
     *         empty when it can
     * @throws IllegalArgumentException for an unknown backend name
     */
    public static Optional<String> unavailableReason(String backend) {
        switch (backend) {
            case "embedded":
                return Optional.empty();
            case "testcontainers":
                return ContainerKafka.dockerAvailable()
                        ? Optional.empty()
                        : Optional.of(
                                "the testcontainers Kafka backend needs a Docker engine and none answers on this machine;"
                                        + " the default embedded backend runs the same tests");
            default:
                throw new IllegalArgumentException(
                        "unknown Kafka backend '" + backend + "': use embedded or testcontainers");
        }
    }

    /**
     * Starts a broker of the named backend; an embedded one gets 3 partitions per auto-created topic.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException    if it cannot start (see {@link #unavailableReason(String)})
     */
    public static KafkaBroker start(String backend) {
        unavailableReason(backend).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        return "embedded".equals(backend)
                ? EmbeddedKafka.startTemporary(Map.of("num.partitions", "3"))
                : ContainerKafka.start();
    }
}
