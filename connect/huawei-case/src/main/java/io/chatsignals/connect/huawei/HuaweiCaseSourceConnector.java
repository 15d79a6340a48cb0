package io.chatsignals.connect.huawei;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect source connector for Huawei Cloud service-ticket instant messages (issue 13; docs/providers.md, "Huawei
 * Cloud service tickets"): Huawei has no webhook, so the cases are polled ({@link HuaweiCaseSourceTask}) and their
 * messages from Huawei's side written to {@code chat.inbound.huawei-case.v1} for streams-app. The cases are the
 * configured list or, with none configured, the account's open cases, listed again every {@code cases.refresh.ms}:
 * when they change, Connect is asked to reconfigure the tasks. Tasks split the cases (at most one task per case).
 * Settings: {@link HuaweiCaseSourceConfig}.
 */
public final class HuaweiCaseSourceConnector extends SourceConnector {
    static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(HuaweiCaseSourceConnector.class);
    private Map<String, String> props;
    private HuaweiCaseSourceConfig config;
    private volatile List<String> cases;
    private ScheduledExecutorService refresher;

    /** @throws org.apache.kafka.common.config.ConfigException on bad settings: the connector fails at once */
    @Override
    public void start(Map<String, String> props) {
        config = new HuaweiCaseSourceConfig(props);
        this.props = Map.copyOf(props);
        this.cases = config.cases();
        if (config.discoversCases()) {
            CaseMessagesClient client = new CaseMessagesClient(config);
            refresh(client, false); // a failure leaves no tasks until the next listing succeeds
            refresher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "huawei-case-list"));
            long every = config.casesRefresh().toMillis();
            refresher.scheduleWithFixedDelay(() -> refresh(client, true), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Lists the open cases; on a change asks Connect for new task configs ({@code reconfigure}: after the start). */
    private void refresh(CaseMessagesClient client, boolean reconfigure) {
        try {
            List<String> open = client.openCases();
            if (!open.equals(cases)) {
                LOG.info("Huawei account {}: {} open case(s), was {}", config.account(), open.size(), cases.size());
                cases = open;
                if (reconfigure) {
                    context.requestTaskReconfiguration();
                }
            }
        } catch (CredentialsRefused | ConfigurationRefused e) {
            context.raiseError(e); // the connector fails, saying which setting to check: no listing can succeed
        } catch (RuntimeException e) {
            LOG.warn(
                    "Huawei open cases not listed this time (listed again in {}): {}",
                    config.casesRefresh(),
                    e.getMessage());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HuaweiCaseSourceTask.class;
    }

    /**
     * @return one config per task, each with its share of the cases (contiguous groups, so batches stay full); none
     *         while no case is known
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> cases = this.cases;
        List<Map<String, String>> configs = new ArrayList<>();
        if (cases.isEmpty()) {
            return configs;
        }
        for (List<String> group :
                ConnectorUtils.groupPartitions(cases, Math.max(1, Math.min(maxTasks, cases.size())))) {
            Map<String, String> task = new HashMap<>(props);
            task.put(HuaweiCaseSourceConfig.CASES, String.join(",", group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Override
    public ConfigDef config() {
        return HuaweiCaseSourceConfig.DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** Offsets and records are written in one transaction when the worker enables exactly-once source support. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
