package io.chatsignals.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueIndexTest {
    @ParameterizedTest(name = "{0} ms → {1}")
    @CsvSource({
        "0, 000000000000000",
        "7, 000000000000007",
        "1764640800000, 001764640800000",
        "99999999999999, 099999999999999",
        "999999999999999, 999999999999999",
    })
    void dueTimesArePaddedToFifteenDigits(long ms, String padded) {
        assertThat(DueIndex.paddedMillis(ms)).isEqualTo(padded);
    }

    @ParameterizedTest(name = "{0} ms sorts before {1} ms")
    @CsvSource({"0, 1", "9, 10", "999, 1000", "1764640800000, 1764640800001", "99999999999999, 100000000000000"})
    void paddedTimesSortAsTheTimesDo(long earlier, long later) {
        assertThat(DueIndex.paddedMillis(earlier)).isLessThan(DueIndex.paddedMillis(later));
    }
}
