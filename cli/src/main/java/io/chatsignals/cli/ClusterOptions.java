package io.chatsignals.cli;

import io.chatsignals.serde.SerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Option;

/**
 * Where the cluster and the registry are, shared by every subcommand (a picocli mixin). Options can also come from the
 * environment: {@code BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code SCHEMA_REGISTRY_USER_INFO} (what the
 * compose file and the Kubernetes job set).
 */
public final class ClusterOptions {
    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers " + "(default: $BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            defaultValue = "${env:SCHEMA_REGISTRY_URL}",
            description = "Confluent-compatible " + "registry URL (default: $SCHEMA_REGISTRY_URL)")
    String registryUrl;

    @Option(
            names = "--registry-user-info",
            defaultValue = "${env:SCHEMA_REGISTRY_USER_INFO}",
            description =
                    "user:password for the registry's Basic auth (default: $SCHEMA_REGISTRY_USER_INFO); never printed")
    String registryUserInfo;

    @Option(
            names = "--command-config",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*), "
                    + "as kafka-console-consumer's --consumer.config")
    Path commandConfig;

    /** @return the serde settings (registry URL and Basic auth) plus {@code extra} */
    Map<String, Object> serde(Map<String, Object> extra) {
        Map<String, Object> serde = new HashMap<>(extra);
        serde.put(SerdeConfig.SCHEMA_REGISTRY_URL, require(registryUrl, "--schema-registry-url"));
        if (registryUserInfo != null && !registryUserInfo.isBlank()) {
            serde.put(SerdeConfig.BASIC_AUTH_USER_INFO, registryUserInfo);
        }
        return serde;
    }

    /** @return Kafka client settings: the command-config file, bootstrap servers, then {@code extra} */
    Map<String, Object> client(Map<String, Object> extra) {
        Map<String, Object> out = new HashMap<>();
        if (commandConfig != null) {
            try {
                out.putAll(Utils.propsToMap(Utils.loadProps(commandConfig.toString())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --command-config " + commandConfig, e);
            }
        }
        out.put("bootstrap.servers", require(bootstrapServers, "--bootstrap-servers"));
        out.putAll(extra);
        return out;
    }

    private static String require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + option + " (or its environment variable)");
        }
        return value;
    }
}
