package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.limits.LimitKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerSettingsTest {

    @ParameterizedTest(name = "{0}={1} is refused at start")
    @CsvSource({
        "inflight.per-account,      0,  1",
        "inflight.max,              -3, 1",
        "buffer.max,                0,  1",
        "buffer.per-account,        0,  1",
        "buffer.max-parked,         0,  1",
        "commit.metadata.max-bytes, 10, 64",
    })
    void aValueThatWouldStallTheWorkerFailsAtStartWithTheKeyTheValueAndTheRule(String key, String value, int min) {
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081", key, value));
        assertThatThrownBy(() -> WorkerSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value)
                .hasMessageContaining("at least " + min);
    }

    /**
     * An account's buffer share: a tenth of buffer.max when unset (so a hot account cannot fill a small buffer either),
     * a set share when it leaves room for others (at most half of buffer.max, rounded up).
     */
    @ParameterizedTest(name = "buffer.max={0}, buffer.per-account={1} → {2}")
    @CsvSource({
        "10000, ,     1000",
        "1000,  ,     100",
        "100,   ,     10",
        "5,     ,     1",
        "1,     ,     1",
        "10000, 2000, 2000",
        "1000,  500,  500",
        "5,     3,    3",
        "1,     1,    1",
    })
    void anAccountsBufferShareLeavesRoomForTheOthers(int max, Integer perAccount, int share) {
        Map<String, String> values = new HashMap<>(
                Map.of("bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081"));
        values.put("buffer.max", Integer.toString(max));
        if (perAccount != null) {
            values.put("buffer.per-account", perAccount.toString());
        }
        assertThat(WorkerSettings.from(AppConfig.of(values)).buffer.laneQuota()).isEqualTo(share);
    }

    @ParameterizedTest(name = "buffer.max={0}, buffer.per-account={1} is refused")
    @CsvSource({"1000, 1000", "1000, 501", "10, 6", "5, 4"})
    void aShareThatLeavesNoRoomForOtherAccountsFailsAtStart(int max, int perAccount) {
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers",
                "127.0.0.1:9092",
                "schema.registry.url",
                "http://127.0.0.1:8081",
                "buffer.max",
                Integer.toString(max),
                "buffer.per-account",
                Integer.toString(perAccount)));
        assertThatThrownBy(() -> WorkerSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer.per-account must be at most " + (max + 1) / 2)
                .hasMessageContaining("was " + perAccount);
    }

    /**
     * A limit the worker could not use is refused at start, naming the key — not at the first command of its lane,
     * where the error escaped the lane and stalled it, and not read as the default either.
     */
    @ParameterizedTest(name = "{0}={1} is refused at start")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            limits.eightbyeight.read-per-second       | ten | must be a number of requests per second
            limits.nxcloud.typing-per-second.8613800  | -1  | of at least 0
            limits.huawei-case.read-per-second        | NaN | must be a number
            limits.eightbyeigth.read-per-second       | 5   | names no provider and operation
            limits.nxcloud.reads-per-second           | 5   | names no provider and operation
            limits.whatsapp-cloud.messages-per-second.106540352242922 | 8x | must be a number
            """)
    void aLimitTheWorkerCouldNotUseIsRefusedAtStartNamingTheKey(String key, String value, String why) {
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081", key, value));
        assertThatThrownBy(() -> WorkerSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(why);
    }

    @Test
    void autoRegisterSchemasReachesTheStatusSerializer() {
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers",
                "127.0.0.1:9092",
                "schema.registry.url",
                "http://127.0.0.1:8081",
                "auto.register.schemas",
                "false"));
        assertThat(WorkerSettings.from(config).registry).containsEntry("auto.register.schemas", "false");
    }

    /**
     * Limits per key (docs/configuration.md, sender-worker): documented defaults — 10/s for 8x8 and NXCloud reads and typing, 1/s for
     * 8x8 details (8x8 "Retrieve message details"), 5/s for Huawei case reads (docs/providers.md: none documented) — a provider-wide
     * setting, and a per-account one that wins over it.
     */
    @ParameterizedTest(name = "{0} {1} {2} with [{3}] → {4}/s")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            EIGHT_BY_EIGHT | acme  | MARK_READ | -                                                  | 10
            EIGHT_BY_EIGHT | acme  | TYPING    | -                                                  | 10
            EIGHT_BY_EIGHT | acme  | DETAILS   | -                                                  | 1
            NXCLOUD        | 86138 | MARK_READ | -                                                  | 10
            HUAWEI_CASE    | acme  | MARK_READ | -                                                  | 5
            EIGHT_BY_EIGHT | acme  | MARK_READ | limits.eightbyeight.read-per-second=3             | 3
            EIGHT_BY_EIGHT | acme  | MARK_READ | limits.eightbyeight.read-per-second.acme=2        | 2
            EIGHT_BY_EIGHT | other | MARK_READ | limits.eightbyeight.read-per-second.acme=2        | 10
            NXCLOUD        | 86138 | TYPING    | limits.nxcloud.typing-per-second=0.5               | 0.5
            HUAWEI_CASE    | acme  | MARK_READ | limits.huawei-case.read-per-second.acme=7          | 7
            EIGHT_BY_EIGHT | acme  | DETAILS   | limits.eightbyeight.details-per-second=0.5         | 0.5
            """)
    void limitOfAKeyIsItsAccountsSettingElseTheProvidersElseTheDocumentedDefault(
            Provider provider, String account, LimitKey.Operation operation, String setting, double expected) {
        Map<String, String> values = new HashMap<>(
                Map.of("bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081"));
        if (!setting.equals("-")) {
            values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        assertThat(WorkerSettings.from(AppConfig.of(values)).perSecond(new LimitKey(provider, account, operation)))
                .isEqualTo(expected);
    }
}
