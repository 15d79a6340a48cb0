package io.chatsignals.bench;

import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.worker.WorkerApp;
import io.chatsignals.worker.WorkerSettings;
import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.vertx.VertxParallelEoSStreamProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The three implementations the worker benchmark compares. */
final class Implementations {
    private Implementations() {}

    /**
     * chat-signals' sender-worker, one replica, its limits set to the provider's.
     *
     * @param enrich whether each 8x8 success is followed by a message-details lookup (the worker's default), which
     *               the baselines do not do
     * @param extra  settings applied last ({@code --worker-setting})
     */
    static WorkerBench.RunnerFactory ours(
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            double perAccount,
            boolean enrich,
            Map<String, String> extra) {
        return (topic, group, simulator) -> {
            Map<String, String> s = workerSettings(kafka, registry, topic, group, simulator.url(), WorkerBench.API_KEY);
            s.put("limits.eightbyeight.read-per-second", Double.toString(perAccount));
            s.put("enrich.enabled", Boolean.toString(enrich));
            s.put("enrich.max-wait", "1s");
            s.put("inflight.max", "1024");
            s.put("buffer.max", "50000");
            s.putAll(extra);
            WorkerApp app =
                    WorkerApp.start(WorkerSettings.from(AppConfig.of(s)), new SimpleMeterRegistry(), Clock.systemUTC());
            return app::close;
        };
    }

    /**
     * The settings every benchmarked worker starts from: the broker, the registry, topics named after {@code topic}
     * ({@code -status}, {@code -dlq}), the simulator as 8x8 with one API key.
     */
    static Map<String, String> workerSettings(
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            String topic,
            String group,
            String simulatorUrl,
            String apiKey) {
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("schema.registry.url", registry.url());
        s.put("group.id", group);
        s.put("topic.commands", topic);
        s.put("topic.status", topic + "-status");
        s.put("topic.commands-dlq", topic + "-dlq");
        s.put("eightbyeight.base-url", simulatorUrl);
        s.put("eightbyeight.api-key", apiKey);
        return s;
    }

    /** The usual naive worker: a poll loop calling the provider synchronously, one record at a time, commit per batch. */
    static WorkerBench.RunnerFactory naive(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        return (topic, group, simulator) -> {
            KafkaConsumer<byte[], ChatCommand> consumer = new KafkaConsumer<>(
                    consumerConfig(kafka, group), new ByteArrayDeserializer(), deserializer(registry));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            Thread thread = new Thread(
                    () -> {
                        consumer.subscribe(List.of(topic));
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                for (ConsumerRecord<byte[], ChatCommand> r : consumer.poll(Duration.ofMillis(100))) {
                                    ChatCommand c = r.value();
                                    http.send(
                                            HttpRequest.newBuilder(URI.create(
                                                            simulator.url() + "/api/v1/subaccounts/" + c.getAccount()
                                                                    + "/messages/" + c.getMessageId() + "/read"))
                                                    .header("Authorization", "Bearer " + WorkerBench.API_KEY)
                                                    .timeout(Duration.ofSeconds(5))
                                                    .POST(HttpRequest.BodyPublishers.noBody())
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding());
                                }
                                consumer.commitSync();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (Exception e) {
                            if (!Thread.currentThread().isInterrupted()) {
                                System.err.println("naive worker: " + e);
                            }
                        } finally {
                            consumer.close(CloseOptions.timeout(Duration.ZERO));
                        }
                    },
                    "bench-naive");
            thread.start();
            return () -> {
                thread.interrupt();
                consumer.wakeup();
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        };
    }

    /** Confluent Parallel Consumer 0.5.3.3 with its Vert.x module, key ordering (one call in flight per account key). */
    static WorkerBench.RunnerFactory parallelConsumer(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        return (topic, group, simulator) -> {
            Map<String, Object> config = new HashMap<>(consumerConfig(kafka, group));
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            KafkaConsumer<byte[], ChatCommand> consumer =
                    new KafkaConsumer<>(config, new ByteArrayDeserializer(), deserializer(registry));
            Vertx vertx = Vertx.vertx();
            // the same connection pool as ours (a default WebClient allows 5 connections per host)
            WebClient web = WebClient.create(
                    vertx, new WebClientOptions().setMaxPoolSize(256).setKeepAlive(true));
            ParallelConsumerOptions<byte[], ChatCommand> options =
                    ParallelConsumerOptions.<byte[], ChatCommand>builder()
                            .ordering(ParallelConsumerOptions.ProcessingOrder.KEY)
                            .maxConcurrency(1024)
                            .consumer(consumer)
                            .commitMode(ParallelConsumerOptions.CommitMode.PERIODIC_CONSUMER_ASYNCHRONOUS)
                            .build();
            VertxParallelEoSStreamProcessor<byte[], ChatCommand> processor =
                    new VertxParallelEoSStreamProcessor<>(vertx, web, options);
            processor.subscribe(List.of(topic));
            processor.vertxHttpWebClient(
                    (client, context) -> {
                        ChatCommand c = context.getSingleConsumerRecord().value();
                        return client.postAbs(simulator.url() + "/api/v1/subaccounts/" + c.getAccount() + "/messages/"
                                        + c.getMessageId() + "/read")
                                .putHeader("Authorization", "Bearer " + WorkerBench.API_KEY)
                                .putHeader("Content-Length", "0")
                                .timeout(5000)
                                .sendBuffer(Buffer.buffer());
                    },
                    result -> {});
            return () -> {
                try {
                    processor.closeDontDrainFirst(Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    System.err.println("parallel consumer close: " + e);
                }
                vertx.close();
            };
        };
    }

    private static Map<String, Object> consumerConfig(EmbeddedKafka kafka, String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
    }

    private static KafkaAvroDeserializer<ChatCommand> deserializer(EmbeddedSchemaRegistry registry) {
        KafkaAvroDeserializer<ChatCommand> d = new KafkaAvroDeserializer<>();
        d.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        return d;
    }
}
