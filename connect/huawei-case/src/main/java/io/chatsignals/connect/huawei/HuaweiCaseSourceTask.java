package io.chatsignals.connect.huawei;

import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.providers.HuaweiCase;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls its share of the cases every {@code poll.interval.ms}, up to 100 cases per call, and emits each new message
 * written by Huawei's side ({@code replier.types}) as a {@code HuaweiCaseInbound} record keyed by the case id. The
 * source partition is the case ({@code {account, case}}); its offset is the case's {@link CasePosition}, so a restarted
 * task goes on from where its cases stood (Connect stores the offsets of the records it wrote). A case Huawei refuses
 * (closed, deleted: the normal end of a ticket) is parked and re-checked while the others flow, even when it is the
 * task's only case; only refused credentials or a configuration Huawei rejects whatever the case fail the task.
 */
public final class HuaweiCaseSourceTask extends SourceTask {
    /** The Connect schema of {@code io.chatsignals.schema.HuaweiCaseInbound}, field for field. */
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name("io.chatsignals.schema.HuaweiCaseInbound")
            .field("messageId", Schema.STRING_SCHEMA)
            .field("caseId", Schema.STRING_SCHEMA)
            .field("account", Schema.STRING_SCHEMA)
            .field("createdAt", Timestamp.SCHEMA)
            .field("replierType", Schema.INT32_SCHEMA)
            .field("replier", Schema.OPTIONAL_STRING_SCHEMA)
            .field("messageType", Schema.OPTIONAL_INT32_SCHEMA)
            .field("firstMessage", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("groupId", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(HuaweiCaseSourceTask.class);

    private HuaweiCaseSourceConfig config;
    private CaseMessagesClient client;
    private Set<Integer> replierTypes;
    private List<String> cases;
    private List<List<String>> batches;
    private ParkedCases parked;
    private final Map<String, CasePosition> positions = new HashMap<>();
    private Sensor outOfOrder;
    private long nextPollAt;
    private final Object wake = new Object();
    private volatile boolean stopping;

    @Override
    public String version() {
        return HuaweiCaseSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new HuaweiCaseSourceConfig(props);
        client = new CaseMessagesClient(config);
        replierTypes = config.replierTypes();
        parked = new ParkedCases(config.parkedRecheck().toMillis());
        cases = config.cases();
        Map<String, Map<String, Object>> stored =
                CasePartition.storedOffsets(context.offsetStorageReader(), config.account(), cases);
        for (String c : cases) {
            positions.put(c, CasePosition.fromOffset(stored.get(c)));
        }
        batches = batches();
        registerMetrics(context.pluginMetrics());
        LOG.info(
                "Huawei case task polls {} case(s) of account {} every {}, {} of them from a stored offset",
                cases.size(),
                config.account(),
                config.pollInterval(),
                stored.size());
    }

    /**
     * The task's metrics (Connect's plugin metrics, KIP-877): {@code parked-cases}, the cases Huawei refuses right now,
     * and {@code out-of-order-messages-total}, messages emitted although older than one emitted before.
     */
    private void registerMetrics(PluginMetrics metrics) {
        if (metrics == null) {
            return;
        }
        metrics.addMetric(
                metrics.metricName(
                        "parked-cases", "cases set aside because Huawei refuses them", new LinkedHashMap<>()),
                (Gauge<Integer>) (c, now) -> parked.size());
        outOfOrder = metrics.addSensor("out-of-order-messages");
        outOfOrder.add(
                metrics.metricName(
                        "out-of-order-messages-total",
                        "messages emitted although created before one emitted earlier",
                        new LinkedHashMap<>()),
                new CumulativeSum());
    }

    /** The task's cases that are not parked, in batches of up to {@value HuaweiCase#CASES_PER_POLL}. */
    private List<List<String>> batches() {
        List<String> active = cases.stream().filter(c -> !parked.isParked(c)).toList();
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < active.size(); i += HuaweiCase.CASES_PER_POLL) {
            out.add(List.copyOf(active.subList(i, Math.min(active.size(), i + HuaweiCase.CASES_PER_POLL))));
        }
        return out;
    }

    /**
     * Polls every batch, then the parked cases due for a re-check. A transient failure leaves its batch for the next
     * poll; a refused batch is polled case by case, and the cases refused alone are parked (a log line, the
     * {@code parked-cases} metric, a re-check every {@code parked.recheck.ms}) while the others keep flowing.
     *
     * @throws CredentialsRefused the task fails, naming the setting to check
     * @throws ConfigurationRefused the task fails: Huawei rejects its configuration whatever the case (403, 404)
     */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long wait = nextPollAt - System.currentTimeMillis();
        if (wait > 0) {
            synchronized (wake) {
                wake.wait(wait);
            }
            return null;
        }
        long now = System.currentTimeMillis();
        nextPollAt = now + config.pollInterval().toMillis();
        List<SourceRecord> out = new ArrayList<>();
        boolean changed = false;
        for (List<String> batch : batches) {
            if (stopping) {
                break;
            }
            changed |= pollOrIsolate(batch, now, out);
        }
        for (String caseId : parked.due(now)) {
            if (stopping) {
                break;
            }
            changed |= recheck(caseId, now, out);
        }
        if (changed) {
            batches = batches();
        }
        return out.isEmpty() ? null : out;
    }

    /** @return whether a case was parked */
    private boolean pollOrIsolate(List<String> batch, long now, List<SourceRecord> out) {
        try {
            pollCases(batch, out);
            return false;
        } catch (RetriableException e) {
            LOG.warn(
                    "Huawei cases not polled this time (polled again in {}): {}",
                    config.pollInterval(),
                    e.getMessage());
            return false;
        } catch (CallRefused e) {
            if (batch.size() > 1) { // which case? each alone: only the refused ones are parked
                boolean changed = false;
                for (String caseId : batch) {
                    changed |= pollOrIsolate(List.of(caseId), now, out);
                }
                return changed;
            }
            parked.park(batch.get(0), e.getMessage(), now);
            LOG.warn(
                    "case {} of account {} parked, polled alone again every {}; the other cases go on: {}",
                    batch.get(0),
                    config.account(),
                    config.parkedRecheck(),
                    e.getMessage());
            return true;
        }
    }

    /** Polls a parked case alone; @return whether it answered and is polled with the others again */
    private boolean recheck(String caseId, long now, List<SourceRecord> out) {
        try {
            pollCases(List.of(caseId), out);
        } catch (RetriableException e) {
            return false; // due again at the next poll
        } catch (CallRefused e) {
            parked.park(caseId, e.getMessage(), now);
            return false;
        }
        parked.release(caseId);
        LOG.info("case {} of account {} answers again: polled with the others", caseId, config.account());
        return true;
    }

    /** One call for the cases, from their oldest cursor; every case of the call has been polled up to its answer. */
    private void pollCases(List<String> batch, List<SourceRecord> out) {
        String cursor =
                CasePosition.batchCursor(batch.stream().map(positions::get).toList());
        CaseMessagesClient.Page page = client.poll(batch, cursor);
        for (CaseMessagesClient.Message m : page.messages()) {
            record(m, page.cursor()).ifPresent(out::add);
        }
        for (String caseId : batch) {
            positions.computeIfPresent(caseId, (id, p) -> p.polledTo(page.cursor()));
        }
    }

    private Optional<SourceRecord> record(CaseMessagesClient.Message m, String cursor) {
        CasePosition position = positions.get(m.caseId());
        if (position == null || !replierTypes.contains(m.replierType())) {
            return Optional.empty(); // not a case of this task, or written by the customer's side
        }
        Instant createdAt;
        try {
            createdAt = HuaweiCase.parseCreateTime(m.createTime(), config.zone());
        } catch (IllegalArgumentException e) {
            LOG.warn("case {}: message skipped, {}", m.caseId(), e.getMessage());
            return Optional.empty();
        }
        String id = HuaweiCase.messageId(m.caseId(), m.createTime(), m.replier(), m.content());
        if (!position.isNew(id)) {
            return Optional.empty();
        }
        if (position.outOfOrder(createdAt.toEpochMilli())) {
            LOG.debug(
                    "case {}: message of {} emitted after a newer one (it appeared late)", m.caseId(), m.createTime());
            if (outOfOrder != null) {
                outOfOrder.record();
            }
        }
        CasePosition next = position.after(createdAt.toEpochMilli(), id, cursor);
        positions.put(m.caseId(), next);
        Struct value = new Struct(VALUE_SCHEMA)
                .put("messageId", id)
                .put("caseId", m.caseId())
                .put("account", config.account())
                .put("createdAt", Date.from(createdAt))
                .put("replierType", m.replierType())
                .put("replier", m.replier())
                .put("messageType", m.type())
                .put("firstMessage", m.first())
                .put("groupId", config.groupId());
        return Optional.of(new SourceRecord(
                CasePartition.of(config.account(), m.caseId()),
                next.toOffset(),
                config.topic(),
                null,
                Schema.STRING_SCHEMA,
                m.caseId(),
                VALUE_SCHEMA,
                value,
                createdAt.toEpochMilli(),
                creationContext()));
    }

    /**
     * @return the record's creation context as its {@code traceparent} header (docs/operations.md, "Tracing"): a
     *         PRODUCER {@code create} span of the OpenTelemetry instance the Connect worker installed (its Java agent);
     *         no header when none is installed
     */
    private ConnectHeaders creationContext() {
        ConnectHeaders headers = new ConnectHeaders();
        if (!GlobalOpenTelemetry.isSet()) {
            return headers;
        }
        Span create = GlobalOpenTelemetry.get()
                .getTracer("io.chatsignals.connect")
                .spanBuilder("create " + config.topic())
                .setSpanKind(SpanKind.PRODUCER)
                .setNoParent()
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", config.topic())
                .setAttribute("messaging.operation.type", "create")
                .startSpan();
        String traceparent = TraceHeaders.traceparent(create.getSpanContext());
        create.end();
        if (traceparent != null) {
            headers.addString(TraceHeaders.TRACEPARENT, traceparent);
        }
        return headers;
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
