package io.chatsignals.connect.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The source partition as Connect stores it: the key bytes Connect's own internal converter writes (JSON without
 * schemas, {@code [connector, partition]}) are the same in every JVM, and offsets keyed the other way round are found.
 */
class CasePartitionTest {
    private static final JsonConverter KEYS = new JsonConverter();

    static {
        KEYS.configure(Map.of("schemas.enable", "false"), true);
    }

    @ParameterizedTest
    @CsvSource({
        "acme-intl, TT1,       '[\"huawei-cases\",{\"account\":\"acme-intl\",\"case\":\"TT1\"}]'",
        "b,         CS0000001, '[\"huawei-cases\",{\"account\":\"b\",\"case\":\"CS0000001\"}]'",
    })
    void theStoredKeyIsAccountThenCase(String account, String caseId, String key) {
        byte[] bytes = KEYS.fromConnectData("", null, List.of("huawei-cases", CasePartition.of(account, caseId)));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({
        // stored under: current order, reversed order, none
        "current,  TT1=o1",
        "reversed, TT1=o1",
        "none,     ''",
    })
    void findsAnOffsetStoredUnderEitherOrder(String storedUnder, String expected) {
        Map<String, Object> offset = Map.of("last_message_time_id", "o1");
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        if (!storedUnder.equals("none")) {
            Map<String, Object> p = storedUnder.equals("current")
                    ? CasePartition.of("acme-intl", "TT1")
                    : CasePartition.reversed("acme-intl", "TT1");
            byKey.put(key(p), offset);
        }
        OffsetStorageReader reader = bytesKeyedReader(byKey);

        Map<String, Map<String, Object>> found =
                CasePartition.storedOffsets(reader, "acme-intl", List.of("TT1", "TT2"));

        Map<String, String> cursors = new HashMap<>();
        found.forEach((c, o) -> cursors.put(c, (String) o.get("last_message_time_id")));
        assertThat(cursors).isEqualTo(expected.isEmpty() ? Map.of() : Map.of("TT1", "o1"));
    }

    private static String key(Map<String, Object> partition) {
        return new String(KEYS.fromConnectData("", null, List.of("huawei-cases", partition)), StandardCharsets.UTF_8);
    }

    /** A reader that finds offsets by the serialized partition, as Connect's OffsetStorageReaderImpl does. */
    private static OffsetStorageReader bytesKeyedReader(Map<String, Map<String, Object>> byKey) {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return byKey.get(key(new java.util.LinkedHashMap<>(partition)));
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                for (Map<String, T> p : partitions) {
                    out.put(p, offset(p));
                }
                return out;
            }
        };
    }
}
