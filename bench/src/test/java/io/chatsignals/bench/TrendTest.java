package io.chatsignals.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrendTest {
    /** Samples every 300 s (values in order); the slope per hour and the verdict with a 5 % tolerance. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            constant                                 | 100 100 100 100 100 | 0    | true
            noise around a level                     | 100 104 97 103 96   | -10.8 | true
            a climb within the noise                 | 100 101 99 102 101  | 3.6  | true
            a steady leak, far past the noise        | 100 110 120 130 140 | 120  | false
            a small leak within 5 % of the mean      | 100 101 102 103 104 | 12   | true
            a leak above 5 % with no noise           | 100 102 104 106 108 | 24   | false
            falling, e.g. a cache that settles       | 140 130 120 110 100 | -120 | false
            """)
    void slopeAndVerdict(String what, String values, double slopePerHour, boolean flat) {
        List<Trend.Point> points = new ArrayList<>();
        String[] v = values.split(" ");
        for (int i = 0; i < v.length; i++) {
            points.add(new Trend.Point(300.0 * i, Double.parseDouble(v[i])));
        }
        Trend trend = Trend.of(points, 0.05);
        assertThat(trend.slopePerHour()).isCloseTo(slopePerHour, offset(0.01));
        assertThat(trend.flat()).isEqualTo(flat);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            one sample            | 0     | 1
            two at the same time  | 0 0   | 1 2
            """)
    void tooFewSamplesAreRefused(String what, String times, String values) {
        List<Trend.Point> points = new ArrayList<>();
        String[] t = times.split(" ");
        String[] v = values.split(" ");
        for (int i = 0; i < t.length; i++) {
            points.add(new Trend.Point(Double.parseDouble(t[i]), Double.parseDouble(v[i])));
        }
        assertThatThrownBy(() -> Trend.of(points, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }
}
