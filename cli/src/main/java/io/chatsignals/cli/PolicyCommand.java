package io.chatsignals.cli;

import io.chatsignals.contract.Policies;
import io.chatsignals.contract.PolicyTable;
import io.chatsignals.contract.Schemas;
import io.chatsignals.ops.Durations;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroSerializer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policy set|get|list|unset}: the business policies of {@code chat.policies.v1} (docs/policies.md), written and
 * read directly on the cluster. A policy is validated before anything is written: an unknown policy name, a negative
 * quiet period or an unknown provider is refused with the reason on stderr, exit 1.
 */
@Command(
        name = "policy",
        description = "Set, read and remove the business policies (who reads when).",
        mixinStandardHelpOptions = true,
        subcommands = {
            PolicyCommand.Set.class,
            PolicyCommand.Get.class,
            PolicyCommand.ListAll.class,
            PolicyCommand.Unset.class
        })
final class PolicyCommand {
    /** How long a read waits for the topic's end. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Where the policies are: the cluster and the policies topic. */
    static final class Where {
        @Mixin
        ClusterOptions cluster;

        @Option(
                names = "--topic",
                defaultValue = Schemas.Topics.POLICIES,
                description = "the policies topic (default: ${DEFAULT-VALUE})")
        String topic;
    }

    /** The policy a subcommand names: provider and account ({@code *}: the provider's default). */
    static final class Target {
        @Mixin
        Where where;

        @Parameters(index = "0", description = "provider key (as in docs/providers.md) or contract symbol")
        String provider;

        @Parameters(index = "1", description = "account, or '*' for the provider's default")
        String account;

        /** @throws Refused for a name that is no provider's */
        Provider provider() throws Refused {
            return parse(() -> ProviderSpecs.named(provider).provider());
        }
    }

    /** {@code policy set}: writes a policy; a field left out inherits. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a business's policy.")
    static final class Set extends OnePolicy {
        @Option(names = "--read-policy", description = "on-receipt, on-agent-view, on-agent-reply or off")
        String readPolicy;

        @Option(names = "--read-delay", description = "quiet period before an on-receipt read (e.g. 5s)")
        String readDelay;

        @Option(names = "--typing-policy", description = "on-agent-typing, on-receipt or off")
        String typingPolicy;

        @Option(names = "--typing-refresh", description = "at most one typing indicator per this (e.g. 20s)")
        String typingRefresh;

        @Override
        int run(Provider provider) throws Exception {
            BusinessPolicy policy = BusinessPolicy.newBuilder()
                    .setProvider(provider)
                    .setAccount(target.account)
                    .setReadPolicy(readPolicy == null ? null : parse(() -> Policies.readPolicy(readPolicy)))
                    .setReadDelayMs(readDelay == null ? null : millis("read delay", readDelay))
                    .setTypingPolicy(typingPolicy == null ? null : parse(() -> Policies.typingPolicy(typingPolicy)))
                    .setTypingRefreshMs(typingRefresh == null ? null : millis("typing refresh", typingRefresh))
                    .setUpdatedAt(Instant.now())
                    .setUpdatedBy("cli")
                    .build();
            Optional<String> problem = Policies.problem(null, policy);
            if (problem.isPresent()) {
                throw new Refused(problem.get());
            }
            RecordMetadata written = write(target, provider, policy);
            spec.commandLine().getOut().println(describe(new PolicyTable.Versioned(policy, written.offset())));
            return 0;
        }
    }

    /** A subcommand on one policy: its provider resolved first (an unknown one refused, exit 1). */
    abstract static class OnePolicy implements Callable<Integer> {
        @Mixin
        Target target;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try {
                return run(target.provider());
            } catch (Refused e) {
                return e.report(spec);
            }
        }

        /**
         * @return the exit code
         * @throws Refused for a policy the user must fix (nothing written)
         */
        abstract int run(Provider provider) throws Exception;
    }

    /** {@code policy get}: one policy as set. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a business's policy (exit 1: none).")
    static final class Get extends OnePolicy {
        @Override
        int run(Provider provider) throws Exception {
            Optional<PolicyTable.Versioned> found =
                    read(target.where.cluster, target.where.topic).get(Policies.key(provider, target.account));
            if (found.isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println("no policy set for " + Policies.key(provider, target.account)
                                + ": every field inherits");
                return 1;
            }
            spec.commandLine().getOut().println(describe(found.get()));
            return 0;
        }
    }

    /** {@code policy list}: every policy set. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every policy set.")
    static final class ListAll implements Callable<Integer> {
        @Mixin
        Where where;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, PolicyTable.Versioned> all =
                    read(where.cluster, where.topic).all();
            all.values().forEach(v -> out.println(describe(v)));
            out.println(all.size() + " policies");
            return 0;
        }
    }

    /** {@code policy unset}: removes a policy (a tombstone); its fields inherit again. */
    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove a business's policy.")
    static final class Unset extends OnePolicy {
        @Override
        int run(Provider provider) throws Exception {
            write(target, provider, null);
            spec.commandLine().getOut().println("removed " + Policies.key(provider, target.account));
            return 0;
        }
    }

    /** @return one line: key, each field set (others inherit), version, when and by whom */
    static String describe(PolicyTable.Versioned v) {
        BusinessPolicy p = v.policy();
        StringBuilder line = new StringBuilder(Policies.key(p.getProvider(), p.getAccount()));
        if (p.getReadPolicy() != null) {
            line.append(" read-policy=").append(Policies.name(p.getReadPolicy()));
        }
        if (p.getReadDelayMs() != null) {
            line.append(" read-delay=").append(p.getReadDelayMs()).append("ms");
        }
        if (p.getTypingPolicy() != null) {
            line.append(" typing-policy=").append(Policies.name(p.getTypingPolicy()));
        }
        if (p.getTypingRefreshMs() != null) {
            line.append(" typing-refresh=").append(p.getTypingRefreshMs()).append("ms");
        }
        return line.append(" version=")
                .append(v.version())
                .append(" updated=")
                .append(p.getUpdatedAt())
                .append(" by=")
                .append(p.getUpdatedBy())
                .toString();
    }

    /** Writes a policy (null: a tombstone) under its key; returns once acknowledged by every in-sync replica. */
    private static RecordMetadata write(Target target, Provider provider, BusinessPolicy policy) throws Exception {
        KafkaAvroSerializer<BusinessPolicy> serializer = new KafkaAvroSerializer<>();
        serializer.configure(target.where.cluster.serde(Map.of()), false);
        try (KafkaProducer<String, BusinessPolicy> producer = new KafkaProducer<>(
                target.where.cluster.client(
                        Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")),
                new StringSerializer(),
                serializer)) {
            return producer.send(
                            new ProducerRecord<>(target.where.topic, Policies.key(provider, target.account), policy))
                    .get();
        }
    }

    /** @return the policies topic read to its end */
    private static PolicyTable read(ClusterOptions cluster, String topic) throws TimeoutException {
        KafkaConsumer<String, BusinessPolicy> consumer =
                PolicyTable.consumer(cluster.client(Map.of()), cluster.serde(Map.of()));
        try (consumer) {
            PolicyTable table = new PolicyTable(consumer, topic);
            table.catchUp(READ_TIMEOUT);
            return table;
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> parse) throws Refused {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }

    private static long millis(String what, String text) throws Refused {
        Duration d = parse(() -> Durations.parse(text));
        if (d.isNegative()) {
            throw new Refused(what + ": negative (" + text + ")");
        }
        return d.toMillis();
    }

    /** A policy the user must fix: the reason on stderr, exit 1, nothing written. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }

        int report(picocli.CommandLine.Model.CommandSpec spec) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + getMessage() + " (nothing written)");
            return 1;
        }
    }
}
