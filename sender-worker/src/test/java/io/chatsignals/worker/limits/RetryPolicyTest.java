package io.chatsignals.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderAnswers;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final RetryPolicy POLICY =
            new RetryPolicy(new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000)));

    @ParameterizedTest(
            name = "{0} (failures {1}, resigned {2}, spent {3}) → {4}, delay ≤ {5} ms, pause {6}, resign {7}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            OK        | 1 | false | false | SUCCEED | 0    | false | false
            OK        | 5 | true  | true  | SUCCEED | 0    | false | false
            400       | 1 | false | false | FAIL    | 0    | false | false
            RESIGN    | 1 | false | false | RETRY   | 0    | false | true
            RESIGN    | 2 | true  | false | FAIL    | 0    | false | false
            503       | 1 | false | false | RETRY   | 100  | false | false
            503       | 3 | false | false | RETRY   | 400  | false | false
            503       | 9 | false | false | RETRY   | 1000 | false | false
            503       | 1 | false | true  | FAIL    | 0    | false | false
            429:2     | 4 | false | false | RETRY   | 0    | true  | false
            429:2     | 4 | false | true  | FAIL    | 0    | false | false
            TIMEOUT   | 2 | false | false | RETRY   | 200  | false | false
            """)
    void whatFollowsAnAnswer(
            String answer,
            int failures,
            boolean resigned,
            boolean spent,
            RetryPolicy.Action action,
            long maxDelayMs,
            boolean pause,
            boolean resign) {
        SplittableRandom random = new SplittableRandom(7);
        for (int draw = 0; draw < 50; draw++) {
            RetryPolicy.Next next = POLICY.next(ProviderAnswers.of(answer), failures, resigned, spent, random);
            assertThat(next.action()).isEqualTo(action);
            assertThat(next.delayNanos())
                    .isBetween(0L, Duration.ofMillis(maxDelayMs).toNanos());
            assertThat(next.pause()).isEqualTo(pause);
            assertThat(next.resign()).isEqualTo(resign);
        }
    }
}
