package io.chatsignals.devstack.run.traffic;

import picocli.CommandLine.Option;

/** Where a command-line tool finds the cluster: bootstrap servers and schema registry (a picocli mixin). */
public final class ClusterOptions {
    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:BOOTSTRAP_SERVERS}",
            description = "default: $BOOTSTRAP_SERVERS")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            defaultValue = "${env:SCHEMA_REGISTRY_URL}",
            description = "default: $SCHEMA_REGISTRY_URL")
    String registryUrl;

    /** @return the Kafka bootstrap servers, host:port[,host:port…] */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the schema registry's URL (Confluent API) */
    public String registryUrl() {
        return registryUrl;
    }
}
