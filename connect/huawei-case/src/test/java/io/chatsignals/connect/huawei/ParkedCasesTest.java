package io.chatsignals.connect.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A parked case waits its re-check interval; parked again it waits anew; released it is polled with the others. */
class ParkedCasesTest {

    @ParameterizedTest(name = "{0} → due at {1} ms: [{2}]")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            park A@0                   | 999  | -
            park A@0                   | 1000 | A
            park A@0, park B@500       | 1200 | A
            park A@0, park B@500       | 1500 | A B
            park A@0, park A@800       | 1200 | -
            park A@0, release A@100    | 5000 | -
            park A@0, park B@0, release A@1 | 1000 | B
            """)
    void parkedCasesAreDueOnceTheirRecheckIntervalHasPassed(String steps, long at, String due) {
        ParkedCases parked = new ParkedCases(1000);
        for (String step : steps.split(", ")) {
            String[] parts = step.split("[ @]");
            long when = Long.parseLong(parts[2]);
            if (parts[0].equals("park")) {
                parked.park(parts[1], "HTTP 200 OSM.01010003 Case not found", when);
            } else {
                parked.release(parts[1]);
            }
        }
        List<String> expected = due.equals("-") ? List.of() : Arrays.asList(due.split(" "));
        assertThat(parked.due(at)).containsExactlyElementsOf(expected);
        assertThat(parked.reasons().keySet())
                .allSatisfy(id -> assertThat(parked.isParked(id)).isTrue());
        assertThat(parked.size()).isEqualTo(parked.reasons().size());
    }
}
