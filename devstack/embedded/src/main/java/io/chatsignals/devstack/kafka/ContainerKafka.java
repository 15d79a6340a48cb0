package io.chatsignals.devstack.kafka;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker in a Docker container (Testcontainers, the official {@code apache/kafka} image in KRaft mode), for
 * machines that run a Docker engine. Image overridable with {@code -Dchatsignals.kafka.image=IMAGE}: any image laid out
 * and started as {@code apache/kafka} is (its {@code /etc/kafka/docker/run} and {@code KAFKA_*} environment), such as
 * a tag of a private registry or a locally built one.
 */
public final class ContainerKafka implements KafkaBroker {
    /** System property naming the image. */
    public static final String IMAGE_PROPERTY = "chatsignals.kafka.image";
    /**
     * The image used when none is configured: {@code apache/kafka} at the version of the Kafka clients on the class
     * path (the build's {@code kafka.version}), so that the broker, Connect, the clients and this backend are one Kafka.
     */
    public static final String DEFAULT_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** @return whether a Docker engine answers (the Docker client alone is not enough) */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Pulls (if needed) and starts the container; returns once the broker accepts clients.
     *
     * @throws IllegalStateException if no Docker engine answers
     */
    public static ContainerKafka start() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("no Docker engine is reachable: the testcontainers backend needs one");
        }
        KafkaContainer container =
                new KafkaContainer(DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))
                        .asCompatibleSubstituteFor("apache/kafka"));
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String backend() {
        return "testcontainers";
    }

    @Override
    public void close() {
        container.stop();
    }
}
