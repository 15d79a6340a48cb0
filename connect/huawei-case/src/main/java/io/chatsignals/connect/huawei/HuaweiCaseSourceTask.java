package io.chatsignals.connect.huawei;

import io.chatsignals.providers.HuaweiCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls its share of the cases every {@code poll.interval.ms}, up to 100 cases per call, and emits each new message
 * written by Huawei's side ({@code replier.types}) as a {@code HuaweiCaseInbound} record keyed by the case id. The
 * source partition is the case ({@code {account, case}}); its offset is the case's {@link CasePosition}, so a restarted
 * task emits exactly the messages it had not emitted (Connect stores the offsets of the records it wrote).
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
    private List<List<String>> batches;
    private final Map<String, CasePosition> positions = new HashMap<>();
    private final Map<List<String>, String> batchCursors = new HashMap<>();
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
        List<String> cases = config.cases();
        List<Map<String, Object>> partitions =
                cases.stream().map(this::partition).toList();
        Map<Map<String, Object>, Map<String, Object>> stored =
                context.offsetStorageReader().offsets(partitions);
        for (String c : cases) {
            positions.put(c, CasePosition.fromOffset(stored.get(partition(c))));
        }
        batches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i += HuaweiCase.CASES_PER_POLL) {
            List<String> batch = List.copyOf(cases.subList(i, Math.min(cases.size(), i + HuaweiCase.CASES_PER_POLL)));
            batches.add(batch);
            batchCursors.put(
                    batch,
                    CasePosition.batchCursor(batch.stream().map(positions::get).toList()));
        }
        LOG.info(
                "Huawei case task polls {} case(s) of account {} every {}",
                cases.size(),
                config.account(),
                config.pollInterval());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long wait = nextPollAt - System.currentTimeMillis();
        if (wait > 0) {
            synchronized (wake) {
                wake.wait(wait);
            }
            return null;
        }
        nextPollAt = System.currentTimeMillis() + config.pollInterval().toMillis();
        List<SourceRecord> out = new ArrayList<>();
        for (List<String> batch : batches) {
            if (stopping) {
                break;
            }
            try {
                CaseMessagesClient.Page page = client.poll(batch, batchCursors.get(batch));
                batchCursors.put(batch, page.cursor());
                for (CaseMessagesClient.Message m : page.messages()) {
                    record(m, page.cursor()).ifPresent(out::add);
                }
            } catch (RetriableException e) {
                LOG.warn(
                        "Huawei cases not polled this time (polled again in {}): {}",
                        config.pollInterval(),
                        e.getMessage());
            }
        }
        return out.isEmpty() ? null : out;
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
        if (!position.isNew(createdAt.toEpochMilli(), id)) {
            return Optional.empty();
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
                partition(m.caseId()),
                next.toOffset(),
                config.topic(),
                null,
                Schema.STRING_SCHEMA,
                m.caseId(),
                VALUE_SCHEMA,
                value,
                createdAt.toEpochMilli()));
    }

    private Map<String, Object> partition(String caseId) {
        return Map.of("account", config.account(), "case", caseId);
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
