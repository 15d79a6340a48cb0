package io.chatsignals.bench;

import io.chatsignals.devstack.run.Stack;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.streams.StreamsSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The floor of any decision's latency: a record's produce → {@code read_committed} consume through one exactly-once
 * Kafka Streams hop (a pass-through with streams-app's own Kafka Streams properties: exactly_once_v2, commit interval,
 * 2 threads), paced at the same rate on the same broker. A decision crosses two such hops (the repartition by
 * conversation, then the command topic) and the worker's consumer.
 */
final class Floor {
    /** Latency from the record's CreateTime to its committed read, ms. */
    record Result(long p50Ms, long p99Ms, long records) {}

    private Floor() {}

    static Result run(Stack stack, double rate, Duration window) throws Exception {
        String run = "floor-" + UUID.randomUUID().toString().substring(0, 6);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(
                            List.of(new NewTopic(run + "-in", 6, (short) 1), new NewTopic(run + "-out", 6, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, String> config = stack.streamsSettings(Files.createTempDirectory(run));
        config.put("application.id", run);
        Properties props = new Properties();
        props.putAll(StreamsSettings.from(AppConfig.of(config)).kafka());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(run + "-in", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(run + "-out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        long[] latencies = new long[(int) (rate * window.toSeconds() * 1.1) + 16];
        int n = 0;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.GROUP_ID_CONFIG,
                                run + "-reader",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(50);
            }
            consumer.subscribe(List.of(run + "-out"));
            Thread producer = new Thread(() -> produce(stack, run + "-in", rate, window), "floor-producer");
            producer.start();
            long idleSince = System.nanoTime();
            while (producer.isAlive() || System.nanoTime() - idleSince < 2_000_000_000L) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (n < latencies.length) {
                        latencies[n++] = now - r.timestamp();
                    }
                }
            }
            producer.join();
        }
        return new Result(Percentiles.of(latencies, n, 0.5), Percentiles.of(latencies, n, 0.99), n);
    }

    /** Produces 100-byte records at {@code rate}/s for the window, in ticks of 5 ms, their CreateTime the send time. */
    private static void produce(Stack stack, String topic, double rate, Duration window) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] value = new byte[100];
            Pacing.run(
                    rate,
                    window,
                    5,
                    sent -> producer.send(new ProducerRecord<>(
                            topic, Long.toString(sent % 10_000).getBytes(), value)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
