package io.chatsignals.connect.huawei;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Connect source connector for Huawei Cloud service-ticket instant messages (issue 13; PROVIDERS.md, "Huawei
 * Cloud service tickets"): Huawei has no webhook, so the configured cases are polled ({@link HuaweiCaseSourceTask})
 * and their messages from Huawei's side written to {@code chat.inbound.huawei-case.v1} for streams-app. Tasks split the
 * cases (at most one task per case). Settings: {@link HuaweiCaseSourceConfig}.
 */
public final class HuaweiCaseSourceConnector extends SourceConnector {
    static final String VERSION = "0.1.0";
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new HuaweiCaseSourceConfig(props); // fails the connector at once on bad settings
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HuaweiCaseSourceTask.class;
    }

    /** @return one config per task, each with its share of the cases (contiguous groups, so batches stay full) */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> cases = new HuaweiCaseSourceConfig(props).cases();
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(cases, Math.max(1, Math.min(maxTasks, cases.size())))) {
            Map<String, String> task = new HashMap<>(props);
            task.put(HuaweiCaseSourceConfig.CASES, String.join(",", group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: tasks own their clients
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
