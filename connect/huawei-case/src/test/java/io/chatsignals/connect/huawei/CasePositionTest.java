package io.chatsignals.connect.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A case's position decides what a (re)started task emits; it survives the trip through a Connect source offset. */
class CasePositionTest {

    @ParameterizedTest(name = "position ({0} ms, [{1}]) + message ({2} ms, {3}) → new {4}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            -1   | NULL | 0    | a | true
            1000 | a    | 999  | x | false
            1000 | a    | 1000 | a | false
            1000 | a    | 1000 | b | true
            1000 | a,b  | 1000 | b | false
            1000 | a    | 1001 | a | true
            """)
    void onlyMessagesNotEmittedAreNew(long lastMs, String ids, long createdMs, String id, boolean isNew) {
        CasePosition p = new CasePosition("c1", lastMs, ids == null ? Set.of() : Set.of(ids.split(",")));
        assertThat(p.isNew(createdMs, id)).isEqualTo(isNew);
        CasePosition restored = CasePosition.fromOffset(p.toOffset());
        assertThat(restored).isEqualTo(p);
        if (isNew) {
            CasePosition next = p.after(createdMs, id, "c2");
            assertThat(next.isNew(createdMs, id)).as("emitted once").isFalse();
            assertThat(CasePosition.fromOffset(next.toOffset())).isEqualTo(next);
        }
    }

    @ParameterizedTest(name = "cursors [{0}] → poll from {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            17000 9000 12000 | 9000
            9 10             | 9
            abc abd          | abc
            17000 NULL       | NULL
            none             | NULL
            """)
    void aBatchPollsFromItsOldestCursorOrFromTheStart(String cursors, String expected) {
        List<CasePosition> positions = Arrays.stream(cursors.split(" "))
                .map(c -> c.equals("NULL") || c.equals("none") ? CasePosition.START : new CasePosition(c, 1, Set.of()))
                .toList();
        assertThat(CasePosition.batchCursor(positions)).isEqualTo(expected);
    }
}
