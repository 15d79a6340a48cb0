package io.chatsignals.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.kafka.OffsetTracker.Disposition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffsetTrackerTest {
    private static final TopicPartition TP = new TopicPartition("chat.commands.v1", 0);
    private static final String HOT = "EIGHT_BY_EIGHT:hot";
    private static final String CALM = "EIGHT_BY_EIGHT:calm";

    /**
     * Offsets 0..9 admitted, the listed ones finished; the commit and what a new owner, restoring it, does with each
     * offset 0..11 (P = process, S = skip).
     */
    @ParameterizedTest(name = "finished [{0}] → commit {1}; new owner {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            -                   | 0  | PPPPPPPPPPPP
            0 1 2               | 3  | SSSPPPPPPPPP
            1 2 3 5 7 8 9       | 0  | PSSSPSPSSSPP
            0 1 2 3 4 5 6 7 8 9 | 10 | SSSSSSSSSSPP
            9                   | 0  | PPPPPPPPPSPP
            """)
    void aNewOwnerRepeatsOnlyWhatWasUnfinished(String finished, long committed, String newOwner) {
        OffsetTracker old = new OffsetTracker(4000);
        for (long o = 0; o < 10; o++) {
            old.admit(TP, o, o % 2 == 0 ? HOT : CALM);
        }
        if (!finished.equals("-")) {
            Arrays.stream(finished.split(" ")).mapToLong(Long::parseLong).forEach(o -> old.finish(TP, o));
        }
        OffsetAndMetadata commit = old.toCommit(null).get(TP);
        assertThat(commit.offset()).isEqualTo(committed);

        OffsetTracker next = new OffsetTracker(4000);
        next.restore(TP, commit);
        StringBuilder seen = new StringBuilder();
        for (long o = 0; o < 12; o++) {
            next.fetched(TP, o);
            seen.append(next.peek(TP, o, 100) == Disposition.PROCESS ? 'P' : 'S');
        }
        assertThat(seen.toString()).isEqualTo(newOwner);
    }

    /** A failed async commit (a rebalance, a broker moving) is sent again with the next one, though nothing changed. */
    @ParameterizedTest(name = "failed commit, then {0} → next commit {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            nothing         | 4
            finish 4        | 5
            newer committed | -
            """)
    void aFailedCommitIsSentAgain(String meanwhile, String next) {
        OffsetTracker tracker = new OffsetTracker(4000);
        for (long o = 0; o < 5; o++) {
            tracker.admit(TP, o, CALM);
        }
        for (long o = 0; o < 4; o++) {
            tracker.finish(TP, o);
        }
        Map<TopicPartition, OffsetAndMetadata> failed = tracker.toCommit(null);
        if (meanwhile.equals("finish 4")) {
            tracker.finish(TP, 4);
        } else if (meanwhile.equals("newer committed")) {
            tracker.finish(TP, 4);
            assertThat(tracker.toCommit(null).get(TP).offset()).isEqualTo(5);
        }
        tracker.commitFailed(failed);
        Map<TopicPartition, OffsetAndMetadata> again = tracker.toCommit(null);
        if (next.equals("-")) {
            assertThat(again).as("a newer commit supersedes the failed one").isEmpty();
        } else {
            assertThat(again.get(TP).offset()).isEqualTo(Long.parseLong(next));
        }
    }

    @Test
    void theCommitCarriesTheUnfinishedOffsetsAndIsRepeatedOnlyWhenItChanges() {
        OffsetTracker tracker = new OffsetTracker(4000);
        for (long o = 0; o < 4; o++) {
            tracker.admit(TP, o, CALM);
        }
        tracker.finish(TP, 1);
        tracker.finish(TP, 3);
        Map<TopicPartition, OffsetAndMetadata> first = tracker.toCommit(null);
        assertThat(first.get(TP).offset()).isZero();
        assertThat(OffsetMetadataCodec.decode(0, first.get(TP).metadata())
                        .orElseThrow()
                        .unfinished())
                .containsExactly(0L, 2L);
        assertThat(tracker.toCommit(null)).as("nothing changed").isEmpty();
        tracker.finish(TP, 0);
        assertThat(tracker.toCommit(null).get(TP).offset()).isEqualTo(2);
    }

    @Test
    void aHotAccountIsParkedPastItsShareAndComesBackInOrder() {
        OffsetTracker tracker = new OffsetTracker(4000);
        int quota = 2;
        for (long o = 0; o < 6; o++) {
            String lane = o < 5 ? HOT : CALM;
            if (tracker.mustPark(TP, o, lane, quota)) {
                tracker.park(TP, o, lane);
            } else {
                tracker.admit(TP, o, lane);
            }
        }
        assertThat(tracker.inMemory(HOT)).isEqualTo(2);
        assertThat(tracker.parked()).isEqualTo(3);
        assertThat(tracker.inMemory(CALM))
                .as("the calm account is not held back")
                .isEqualTo(1);
        assertThat(tracker.mustPark(TP, 6, HOT, quota)).isTrue();
        assertThat(tracker.rewinds(1)).as("no room yet").isEmpty();

        tracker.finish(TP, 0);
        tracker.finish(TP, 1);
        assertThat(tracker.rewinds(1)).containsExactly(Map.entry(TP, 2L));
        assertThat(tracker.rewinds(1)).as("not again before it came back").isEmpty();
        assertThat(tracker.peek(TP, 3, quota))
                .as("not before the lane's lowest parked offset")
                .isEqualTo(Disposition.STILL_PARKED);
        tracker.fetched(TP, 2);
        assertThat(tracker.peek(TP, 2, quota)).isEqualTo(Disposition.PROCESS);
        assertThat(tracker.mustPark(TP, 2, HOT, quota))
                .as("the lane's lowest parked offset is not held back by itself")
                .isFalse();
        assertThat(tracker.mustPark(TP, 3, HOT, quota))
                .as("a later one is, while 2 is not back")
                .isTrue();
        tracker.admit(TP, 2, HOT);
        tracker.fetched(TP, 3);
        assertThat(tracker.peek(TP, 3, quota)).isEqualTo(Disposition.PROCESS);
        assertThat(tracker.mustPark(TP, 3, HOT, quota)).isFalse();
        tracker.admit(TP, 3, HOT);
        tracker.fetched(TP, 4);
        assertThat(tracker.peek(TP, 4, quota)).as("the share is full again").isEqualTo(Disposition.STILL_PARKED);
        tracker.fetched(TP, 5);
        assertThat(tracker.peek(TP, 5, quota)).as("in memory already").isEqualTo(Disposition.SKIP);
        assertThat(tracker.toCommit(null).get(TP).offset()).isEqualTo(2);
    }

    @Test
    void queuedCommandsUnloadedAtRevocationStayUnfinishedForTheNextOwner() {
        OffsetTracker tracker = new OffsetTracker(4000);
        tracker.admit(TP, 0, CALM);
        tracker.admit(TP, 1, CALM);
        tracker.unload(TP, 1);
        tracker.finish(TP, 0);
        assertThat(tracker.inMemory(List.of(TP))).isZero();
        OffsetAndMetadata commit = tracker.toCommit(List.of(TP)).get(TP);
        assertThat(commit.offset()).isEqualTo(1);
    }

    @Test
    void awaitedOffsetsThatNeverComeAreDropped() {
        OffsetTracker old = new OffsetTracker(4000);
        for (long o = 0; o < 5; o++) {
            old.admit(TP, o, CALM);
        }
        old.finish(TP, 1);
        old.finish(TP, 2);
        OffsetTracker next = new OffsetTracker(4000);
        next.restore(TP, old.toCommit(null).get(TP)); // 0, 3, 4 unfinished
        next.fetched(TP, 3); // 0 was deleted by retention
        next.admit(TP, 3, CALM);
        next.finish(TP, 3);
        assertThat(next.toCommit(null).get(TP).offset()).isEqualTo(4);
    }
}
