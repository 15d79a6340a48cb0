package io.chatsignals.streams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The size of the shared RocksDB cache as Kafka Streams passes it: default, configured, refused. */
class BoundedRocksDbMemoryTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "unset",
            value = {"unset, 268435456", "536870912, 536870912", "16777216, 16777216"})
    void theTotalIsTheConfiguredBytesOrTheDefault(String configured, long expected) {
        Map<String, Object> configs = new HashMap<>();
        if (configured != null) {
            configs.put(BoundedRocksDbMemory.MEMORY_BYTES, configured);
        }
        assertThat(BoundedRocksDbMemory.totalBytes(configs)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0", "-1"})
    void aTotalThatIsNotPositiveIsRefusedNamingTheKey(String configured) {
        assertThatThrownBy(() -> BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.MEMORY_BYTES, configured)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BoundedRocksDbMemory.MEMORY_BYTES);
    }
}
