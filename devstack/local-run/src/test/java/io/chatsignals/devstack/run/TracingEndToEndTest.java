package io.chatsignals.devstack.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.fixture.WhatsAppCloudFixture;
import io.chatsignals.devstack.run.traffic.IngressPoster;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the webhook to the provider call (docs/operations.md, "Tracing"), through ingress, streams-app, the
 * worker and the simulator in this JVM with OpenTelemetry's in-memory exporter: three signed webhooks of one customer
 * are three traces into Kafka; their one read is a decision span linked to all three messages' creation contexts; the
 * worker's process span is the decision's child, its provider call a client span with the simulator's status; the
 * status record carries the process span. A record with no traceparent, or a malformed one, is decided the same and
 * simply links nothing.
 */
class TracingEndToEndTest {
    private static final String PHONE = "106540352242922";
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static OpenTelemetrySdk sdk;

    @BeforeAll
    static void installTracing() {
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .build())
                .build();
        GlobalOpenTelemetry.set(sdk);
    }

    @AfterAll
    static void removeTracing() {
        GlobalOpenTelemetry.resetForTest();
        sdk.close();
    }

    @Test
    void aBurstOfThreeMessagesIsOneReadLinkedToEachAndOneProviderCall() throws Exception {
        try (Stack stack = Stack.start(new Stack.Options(
                        2,
                        1,
                        Map.of("read.delay", "2s", "punctuate.interval", "100ms"),
                        Map.of(),
                        Behaviour.none(),
                        EmbeddedSchemaRegistry.Mode.IN_PROCESS,
                        0,
                        86_400,
                        Map.of()));
                KafkaConsumer<byte[], Object> statuses = stack.reader(Topics.STATUS);
                KafkaProducer<String, SpecificRecord> producer = stack.producer()) {
            IngressPoster poster = Stack.ingressPoster(stack.startIngress());
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            for (int i = 0; i < 3; i++) {
                String json = WhatsAppCloudFixture.webhook(PHONE, List.of("16500000011"), null, now);
                for (SpecificRecord r : Webhooks.map(json)) {
                    stack.simulator().messages().register(WhatsAppCloudFixture.delivered((WhatsAppCloudInbound) r));
                }
                assertThat(poster.send(Provider.WHATSAPP_CLOUD, json).get()).isEqualTo(200);
            }
            // a user's own producer: one record without a traceparent, one with a malformed one
            for (String traceparent : new String[] {null, "00-not-a-trace-01"}) {
                WhatsAppCloudInbound m = (WhatsAppCloudInbound) Webhooks.map(WhatsAppCloudFixture.webhook(
                                PHONE, List.of(traceparent == null ? "16500000012" : "16500000013"), null, now))
                        .get(0);
                stack.simulator().messages().register(WhatsAppCloudFixture.delivered(m));
                ProducerRecord<String, SpecificRecord> record =
                        new ProducerRecord<>(Topics.INBOUND_WHATSAPP_CLOUD, ProviderSpecs.conversationKey(m), m);
                if (traceparent != null) {
                    record.headers().add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record).get();
            }

            List<ConsumerRecord<byte[], Object>> status = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                statuses.poll(Duration.ofMillis(200)).forEach(status::add);
                return status.size() >= 3;
            });
            assertThat(status)
                    .extracting(r -> ((CommandStatus) r.value()).getOutcome())
                    .containsOnly(Outcome.SUCCEEDED);

            List<SpanData> spans = SPANS.getFinishedSpanItems();
            List<SpanData> servers = named(spans, "POST /webhooks/whatsapp-cloud");
            List<SpanData> creates = named(spans, "create " + Topics.INBOUND_WHATSAPP_CLOUD);
            assertThat(servers).hasSize(3).allMatch(s -> s.getKind() == SpanKind.SERVER);
            assertThat(servers).extracting(SpanData::getTraceId).doesNotHaveDuplicates();
            assertThat(creates).hasSize(3).allSatisfy(c -> assertThat(servers)
                    .anyMatch(s -> s.getSpanId().equals(c.getParentSpanId())));

            List<SpanData> decisions = named(spans, "decide read");
            assertThat(decisions).hasSize(3);
            SpanData burst = decisions.stream()
                    .filter(d -> d.getLinks().size() == 3)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no decision linked to the burst: " + decisions));
            assertThat(burst.getLinks())
                    .extracting(LinkData::getSpanContext)
                    .extracting(SpanContext::getSpanId)
                    .containsExactlyInAnyOrderElementsOf(
                            creates.stream().map(SpanData::getSpanId).toList());
            assertThat(decisions)
                    .as("the records without a (valid) traceparent are decided, linking nothing")
                    .filteredOn(d -> d.getLinks().isEmpty())
                    .hasSize(2);

            SpanData process = named(spans, "process " + Topics.COMMANDS).stream()
                    .filter(p -> p.getParentSpanId().equals(burst.getSpanId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no process span under the decision"));
            assertThat(process.getTraceId()).isEqualTo(burst.getTraceId());
            SpanData call = named(spans, "whatsapp-cloud MARK_READ").stream()
                    .filter(c -> c.getParentSpanId().equals(process.getSpanId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no client span under the process span"));
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(stack.simulator().calls().latest(10))
                    .extracting(CallLog.Call::httpStatus)
                    .contains(call.getAttributes().get(HTTP_STATUS).intValue());

            assertThat(status)
                    .extracting(r -> TraceHeaders.spanContext(r.headers()).getSpanId())
                    .contains(process.getSpanId());
        }
    }

    private static List<SpanData> named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }
}
