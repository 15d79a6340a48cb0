package io.chatsignals.connect.huawei;

import io.chatsignals.contract.Schemas;
import io.chatsignals.providers.BaseUrls;
import io.chatsignals.providers.HuaweiCase;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the Huawei case source connector (docs/configuration.md, "Huawei case source connector"). The IAM password is a
 * {@link Type#PASSWORD}: Connect masks it in its logs and REST answers.
 */
public final class HuaweiCaseSourceConfig extends AbstractConfig {
    public static final String ACCOUNT = "huawei.account";
    public static final String IAM_USER = "huawei.iam.user";
    public static final String IAM_PASSWORD = "huawei.iam.password";
    public static final String IAM_URL = "huawei.iam.url";
    public static final String BASE_URL = "huawei.base-url";
    public static final String CASES = "cases";
    public static final String CASES_REFRESH = "cases.refresh.ms";
    public static final String GROUP_ID = "group.id";
    public static final String REPLIER_TYPES = "replier.types";
    public static final String POLL_INTERVAL = "poll.interval.ms";
    public static final String REQUEST_TIMEOUT = "request.timeout.ms";
    public static final String TIME_ZONE = "huawei.time-zone";
    public static final String TOPIC = "topic";
    public static final String PARKED_RECHECK = "parked.recheck.ms";

    public static final ConfigDef DEF = new ConfigDef()
            .define(
                    ACCOUNT,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "The Huawei Cloud account (IAM domain name) whose cases are polled; the records' account.")
            .define(
                    IAM_USER,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "IAM user of the account (password method).")
            .define(
                    IAM_PASSWORD,
                    Type.PASSWORD,
                    ConfigDef.NO_DEFAULT_VALUE,
                    Importance.HIGH,
                    "Password of the IAM user; never logged.")
            .define(
                    IAM_URL,
                    Type.STRING,
                    "https://iam.myhuaweicloud.com",
                    Importance.MEDIUM,
                    "IAM endpoint (POST /v3/auth/tokens).")
            .define(
                    BASE_URL,
                    Type.STRING,
                    "https://osm.myhuaweicloud.com",
                    Importance.MEDIUM,
                    "Service Tickets endpoint.")
            .define(
                    CASES,
                    Type.LIST,
                    "",
                    Importance.HIGH,
                    "The case ids to poll; tasks split them, each polls up to 100 per call. Empty: the account's open cases.")
            .define(
                    CASES_REFRESH,
                    Type.LONG,
                    300_000L,
                    ConfigDef.Range.atLeast(1_000),
                    Importance.MEDIUM,
                    "With no cases set: how often the open cases are listed again, ms (tasks are reconfigured on a change).")
            .define(
                    GROUP_ID,
                    Type.STRING,
                    null,
                    Importance.LOW,
                    "group_id sent with every poll and carried by every record.")
            .define(
                    REPLIER_TYPES,
                    Type.LIST,
                    "1,2,3",
                    Importance.MEDIUM,
                    "replier_type values of Huawei's side, the messages emitted (undocumented meaning; 0 is taken as the customer).")
            .define(
                    POLL_INTERVAL,
                    Type.LONG,
                    5_000L,
                    ConfigDef.Range.atLeast(100),
                    Importance.MEDIUM,
                    "Time between polls of a task, ms.")
            .define(
                    REQUEST_TIMEOUT,
                    Type.LONG,
                    10_000L,
                    ConfigDef.Range.atLeast(100),
                    Importance.LOW,
                    "Timeout of an HTTP request, ms.")
            .define(
                    TIME_ZONE,
                    Type.STRING,
                    HuaweiCase.DEFAULT_TIME_ZONE,
                    Importance.LOW,
                    "X-Time-Zone sent with polls; local create_time values are read in it.")
            .define(
                    TOPIC,
                    Type.STRING,
                    Schemas.Topics.INBOUND_HUAWEI_CASE,
                    Importance.MEDIUM,
                    "Topic the messages are written to.")
            .define(
                    PARKED_RECHECK,
                    Type.LONG,
                    600_000L,
                    ConfigDef.Range.atLeast(1000),
                    Importance.LOW,
                    "How often a case Huawei refuses (closed, deleted, not the account's) is polled alone again, ms.");

    /** @throws ConfigException naming the setting, for a missing or invalid value (an invalid case id among them) */
    public HuaweiCaseSourceConfig(Map<String, String> props) {
        super(DEF, props);
        for (String caseId : cases()) {
            if (!HuaweiCase.validCaseId(caseId)) {
                throw new ConfigException(CASES, caseId, "not a case id (" + HuaweiCase.CASE_ID.pattern() + ")");
            }
        }
        try {
            zone();
        } catch (RuntimeException e) {
            throw new ConfigException(TIME_ZONE, getString(TIME_ZONE), e.getMessage());
        }
        replierTypes();
    }

    public String account() {
        return getString(ACCOUNT);
    }

    public String iamUser() {
        return getString(IAM_USER);
    }

    public Password iamPassword() {
        return getPassword(IAM_PASSWORD);
    }

    public String iamUrl() {
        return BaseUrls.of(IAM_URL, getString(IAM_URL));
    }

    public String baseUrl() {
        return BaseUrls.of(BASE_URL, getString(BASE_URL));
    }

    public List<String> cases() {
        return getList(CASES).stream()
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
    }

    /** @return whether the cases are the account's open ones, listed every {@link #casesRefresh()} (no {@code cases} set) */
    public boolean discoversCases() {
        return cases().isEmpty();
    }

    public Duration casesRefresh() {
        return Duration.ofMillis(getLong(CASES_REFRESH));
    }

    public String groupId() {
        return getString(GROUP_ID);
    }

    /** @throws ConfigException for a value that is not an integer */
    public Set<Integer> replierTypes() {
        try {
            return getList(REPLIER_TYPES).stream()
                    .map(String::trim)
                    .map(Integer::valueOf)
                    .collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new ConfigException(REPLIER_TYPES, getList(REPLIER_TYPES), "replier types are integers (0-3)");
        }
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT));
    }

    public String timeZoneHeader() {
        return getString(TIME_ZONE);
    }

    public ZoneId zone() {
        return ZoneId.of(getString(TIME_ZONE));
    }

    /** @return how long a refused case waits before it is polled alone again */
    public Duration parkedRecheck() {
        return Duration.ofMillis(getLong(PARKED_RECHECK));
    }

    public String topic() {
        return getString(TOPIC);
    }
}
