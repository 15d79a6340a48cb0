package io.chatsignals.bench;

import io.chatsignals.devstack.AppProcess;
import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.traffic.IngressPoster;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.ingress.IngressApp;
import io.chatsignals.ops.Durations;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The first hop under broker faults (docs/reliability.md, "Ingress under broker faults"): on a three-node cluster
 * (replication 3, {@code min.insync.replicas} 2), two ingress instances as separate processes take webhooks of every
 * provider at a steady rate, in turn, while a broker leading most of the inbound partitions is killed, the brokers are
 * restarted one by one, or a broker is cut off. Measured from outside: webhooks answered 200 and whether each is in
 * its inbound topic (acknowledged but lost must be 0), answers 503 (the provider retries them) or none, the answer
 * p99 in the 10 s before the fault, during it and after it, and the seconds each instance reported not ready. Prints;
 * asserts nothing.
 */
@Command(name = "ingress-faults", mixinStandardHelpOptions = true, description = "Prints the ingress fault table.")
public final class IngressFaults implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "100", description = "webhooks per second; default ${DEFAULT-VALUE}")
    double rate;

    @Option(
            names = "--down",
            defaultValue = "30s",
            description = "how long a broker stays down or cut off; default ${DEFAULT-VALUE}")
    String down;

    @Option(
            names = "--rows",
            defaultValue = "broker-kill,rolling-restart,broker-cut",
            split = ",",
            description = "rows to run, in order; default ${DEFAULT-VALUE}")
    List<String> rows;

    private static final int PARTITIONS = 6;
    private static final Duration WARM_UP = Duration.ofSeconds(25);
    private static final Duration AFTER = Duration.ofSeconds(30);
    /** "before" is the last part of the warm-up: its first seconds are the fresh JVMs' and producers' start. */
    private static final Duration SETTLED = Duration.ofSeconds(10);

    /** The webhook providers' inbound topics (the registry's, Huawei's polled cases aside). */
    private static final List<String> INBOUND = ProviderSpecs.withInbound().stream()
            .filter(spec -> spec.inbound().orElseThrow().webhookFormat().isPresent())
            .map(spec -> spec.inbound().orElseThrow().topic())
            .toList();

    /** One fault on the cluster; returns what it did. */
    private interface Fault {
        String act(KafkaCluster cluster) throws Exception;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngressFaults()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Duration d = Durations.parse(down);
        Map<String, Fault> faults = Map.of(
                "broker-kill",
                        cluster ->
                                BrokerFaults.kill(cluster, cluster.leaderOfMost(INBOUND), "the inbound partitions", d),
                "rolling-restart", BrokerFaults::rollingRestart,
                "broker-cut",
                        cluster ->
                                BrokerFaults.cut(cluster, cluster.leaderOfMost(INBOUND), "the inbound partitions", d));
        List<String> table = new ArrayList<>();
        for (String name : rows) {
            Fault fault = faults.get(name);
            if (fault == null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "unknown row " + name + "; rows: " + faults.keySet());
            }
            table.add(row(fault));
        }
        System.out.println();
        System.out.println("| fault | webhooks | answered 200 | acknowledged but lost | 503 | other or none "
                + "| answer p99 before / during / after | not ready (instance-seconds) | fault took |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        table.forEach(System.out::println);
        return 0;
    }

    private String row(Fault fault) throws Exception {
        KafkaCluster cluster = KafkaCluster.start(Map.of("num.partitions", Integer.toString(PARTITIONS)));
        Stack.Options options = new Stack.Options(
                PARTITIONS,
                0,
                Map.of(),
                Map.of(),
                Behaviour.none(),
                EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                0,
                86_400,
                Map.of());
        try (Stack stack = Stack.startWithoutStreamsAndConnect(options, cluster, (short) 3)) {
            List<AppProcess> ingresses = new ArrayList<>();
            try {
                List<IngressPoster> posters = new ArrayList<>();
                for (String name : List.of("ingress-a", "ingress-b")) {
                    int port = FreePorts.pick();
                    Map<String, String> settings = new HashMap<>(stack.ingressSettings(port));
                    settings.put("health.broker-probe-interval", "2s");
                    Path dir = Files.createDirectories(stack.workDir().resolve(name));
                    ingresses.add(
                            AppProcess.start(IngressApp.class, settings, Map.of(), List.of("-Xmx384m"), dir, name));
                    posters.add(Stack.ingressPoster("http://127.0.0.1:" + port));
                }
                return measure(cluster, stack, ingresses, posters, fault);
            } finally {
                ingresses.forEach(AppProcess::close);
            }
        }
    }

    private String measure(
            KafkaCluster cluster, Stack stack, List<AppProcess> ingresses, List<IngressPoster> posters, Fault fault)
            throws Exception {
        AtomicIntegerArray notReady = new AtomicIntegerArray(ingresses.size());
        Thread readiness = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (int i = 0; i < ingresses.size(); i++) {
                            try {
                                if (ingresses.get(i).get("/health/ready").statusCode() != 200) {
                                    notReady.incrementAndGet(i);
                                }
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                notReady.incrementAndGet(i);
                            }
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "readiness");
        readiness.start();
        WebhookLoad load = new WebhookLoad(posters, rate).start();
        FaultRun.pause(WARM_UP);
        long from = System.nanoTime();
        String what = fault.act(cluster);
        long to = System.nanoTime();
        FaultRun.pause(AFTER);
        load.close();
        readiness.interrupt();
        readiness.join(5_000);
        List<WebhookLoad.Answer> answers = load.answers();
        Set<String> acknowledged = new HashSet<>();
        int unavailable = 0;
        int other = 0;
        for (WebhookLoad.Answer a : answers) {
            if (a.status() == 200) {
                acknowledged.add(a.messageId());
            } else if (a.status() == 503) {
                unavailable++;
            } else {
                other++;
            }
        }
        Set<String> written = inboundMessageIds(stack);
        long lost = acknowledged.stream().filter(id -> !written.contains(id)).count();
        int totalNotReady = 0;
        for (int i = 0; i < notReady.length(); i++) {
            totalNotReady += notReady.get(i);
        }
        return String.format(
                "| %s | %,d | %,d | %,d | %,d | %,d | %s / %s / %s ms | %d | %,d ms |",
                what,
                answers.size(),
                acknowledged.size(),
                lost,
                unavailable,
                other,
                p99(answers, from - SETTLED.toNanos(), from),
                p99(answers, from, to),
                p99(answers, to, Long.MAX_VALUE),
                totalNotReady,
                Duration.ofNanos(to - from).toMillis());
    }

    /** @return the p99 answer time, ms, of the webhooks sent in [from, to), or "—" without any */
    private static String p99(List<WebhookLoad.Answer> answers, long from, long to) {
        long[] ms = answers.stream()
                .filter(a -> a.sentNanos() >= from && a.sentNanos() < to)
                .mapToLong(WebhookLoad.Answer::millis)
                .toArray();
        return ms.length == 0 ? "—" : Long.toString(Percentiles.of(ms, ms.length, 0.99));
    }

    /** @return the message id of every record in the inbound topics of webhooks (8x8 umid, the others' messageId) */
    private static Set<String> inboundMessageIds(Stack stack) {
        KafkaAvroDeserializer<Object> values = new KafkaAvroDeserializer<>();
        values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl()), false);
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], Object> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArrayDeserializer(),
                values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : INBOUND) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], Object> r : consumer.poll(Duration.ofMillis(500))) {
                    GenericRecord record = (GenericRecord) r.value();
                    Object id =
                            record.getSchema().getField("umid") != null ? record.get("umid") : record.get("messageId");
                    ids.add(String.valueOf(id));
                }
            }
        }
        return ids;
    }
}
