package io.chatsignals.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearnedRateTest {
    private static final long S = 1_000_000_000L;

    /**
     * A key configured at 80/s, halved by each throttling answer and climbing back to the throttled rate in 60 s:
     * the events are seconds at which a throttling answer comes ("t") or the rate is asked ("a"), the rate after them.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            one throttle halves the rate                    | t0                     | 40
            answers within a second of it change nothing    | t0 t0.5 t0.9           | 40
            a throttle a second later halves it again       | t0 t1                  | 20
            the rate climbs linearly towards the throttled  | t0 a30                 | 60
            back at the throttled rate after the recovery   | t0 a60                 | 80
            never above the configured rate                 | t0 a600                | 80
            a fraction of a second climbs nothing           | t0 a0.9                | 40
            four throttles a second apart: 80 to 5          | t0 t1 t2 t3            | 5
            then it climbs towards 10, the last throttled   | t0 t1 t2 t3 a33        | 7.5
            a throttle there halves the rate it reached     | t0 t1 t2 t3 a33 t33    | 3.75
            a floor of a hundredth of the configured rate   | t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 | 0.8
            """)
    void aimd(String what, String events, double expected) {
        LearnedRate rate = new LearnedRate(80, LearnedRate.Settings.DEFAULT);
        for (String event : events.split(" ")) {
            long at = Math.round(Double.parseDouble(event.substring(1)) * S);
            if (event.startsWith("t")) {
                rate.throttled(at);
            } else {
                rate.advance(at);
            }
        }
        assertThat(rate.perSecond()).isCloseTo(expected, offset(0.01));
        assertThat(rate.atConfigured()).isEqualTo(expected >= 80);
    }

    /** Below the throttled rate the slope is fixed; past it, after a whole recovery there, it doubles. */
    @Test
    void probesFasterTheLongerItHoldsPastTheThrottledRate() {
        LearnedRate limited = new LearnedRate(100, LearnedRate.Settings.DEFAULT);
        limited.throttled(0); // 100 -> 50, throttled at 100
        limited.throttled(2 * S); // 50 -> 25, throttled at 50: slope 25/60
        limited.advance(62 * S); // 60 s later: 50
        assertThat(limited.perSecond()).isCloseTo(50, offset(0.01));
        limited.advance(122 * S); // past 50 for a recovery, the slope doubles at its start: 50 + 60 × 50/60
        assertThat(limited.perSecond()).isCloseTo(100, offset(1.0));
    }

    @ParameterizedTest(name = "decrease {0}, recovery {1} is refused")
    @CsvSource({"0, 60", "1, 60", "1.5, 60", "0.5, 0"})
    void settingsOutsideTheirBoundsAreRefused(double decrease, int recoverySeconds) {
        assertThatThrownBy(() -> new LearnedRate.Settings(decrease, Duration.ofSeconds(recoverySeconds)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
