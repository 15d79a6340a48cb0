package io.chatsignals.connect.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A case's position decides what a (re)started task emits; it survives the trip through a Connect source offset. */
class CasePositionTest {

    /**
     * What the API returns after the cursor is new unless it is a recent repeat; a message older than the newest one
     * emitted (it appeared late) is new too, and counted as out of order.
     */
    @ParameterizedTest(name = "position ({0} ms, [{1}]) + message ({2} ms, {3}) → new {4}, out of order {5}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            -1   | NULL | 0    | a | true  | false
            1000 | a    | 999  | x | true  | true
            1000 | a    | 1000 | a | false | false
            1000 | a    | 1000 | b | true  | false
            1000 | a,b  | 1000 | b | false | false
            1000 | a,b  | 400  | a | false | true
            1000 | a    | 1001 | c | true  | false
            """)
    void whatTheCursorReturnsIsNewUnlessARecentRepeat(
            long lastMs, String ids, long createdMs, String id, boolean isNew, boolean outOfOrder) {
        CasePosition p = new CasePosition("c1", lastMs, ids == null ? List.of() : List.of(ids.split(",")));
        assertThat(p.isNew(id)).isEqualTo(isNew);
        assertThat(p.outOfOrder(createdMs)).isEqualTo(outOfOrder);
        assertThat(CasePosition.fromOffset(p.toOffset())).isEqualTo(p);
        if (isNew) {
            CasePosition next = p.after(createdMs, id, "c2");
            assertThat(next.isNew(id)).as("emitted once").isFalse();
            assertThat(next.lastMs()).isEqualTo(Math.max(lastMs, createdMs));
            assertThat(CasePosition.fromOffset(next.toOffset())).isEqualTo(next);
        }
    }

    @ParameterizedTest(name = "{0} messages emitted → the last {1} remembered")
    @CsvSource({"1, 1", "32, 32", "33, 32", "100, 32"})
    void aPositionRemembersTheLastIdsOnly(int emitted, int remembered) {
        CasePosition p = CasePosition.START;
        for (int i = 0; i < emitted; i++) {
            p = p.after(i, "m" + i, "c" + i);
        }
        assertThat(p.recentIds()).hasSize(remembered).last().isEqualTo("m" + (emitted - 1));
        assertThat(p.isNew("m" + (emitted - remembered))).isFalse();
        assertThat(p.isNew("m" + (emitted - remembered - 1)))
                .as("forgotten: emitted again, deduped downstream")
                .isTrue();
        assertThat(p.polledTo("later")).isEqualTo(new CasePosition("later", p.lastMs(), p.recentIds()));
    }

    @ParameterizedTest(name = "offset {0} → recent ids [{1}]")
    @CsvSource(
            delimiter = '|',
            textBlock = """
            recent_ids  | a,b
            ids_at_last | a,b
            """)
    void offsetsOfEitherLayoutAreRead(String field, String ids) {
        Map<String, Object> offset = new HashMap<>(Map.of("last_message_time_id", "9", "last_ms", 5L, field, ids));
        assertThat(CasePosition.fromOffset(offset)).isEqualTo(new CasePosition("9", 5, List.of(ids.split(","))));
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
                .map(c -> c.equals("NULL") || c.equals("none") ? CasePosition.START : new CasePosition(c, 1, List.of()))
                .toList();
        assertThat(CasePosition.batchCursor(positions)).isEqualTo(expected);
    }
}
