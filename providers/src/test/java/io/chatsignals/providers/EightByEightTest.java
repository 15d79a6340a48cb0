package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EightByEightTest {

    @ParameterizedTest(name = "umid ''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a11  | true
            D3F3C1D4-8E3B-4C4E-9A8E-2F0B8F0C7A11  | true
            00000000-0000-0000-0000-000000000000  | true
            d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a1   | false
            d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a111 | false
            d3f3c1d48e3b-4c4e-9a8e-2f0b8f0c7a11-  | false
            g3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a11  | false
            d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a/.  | false
            ..                                    | false
            .                                     | false
            ''                                    | false
            NULL                                  | false
            """)
    void umidIsAUuidAndNothingElse(String umid, boolean valid) {
        assertThat(EightByEight.validUmid(umid)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "subAccountId ''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            acme_support   | true
            acme.sales     | true
            a-b&c          | true
            ab             | false
            acme/support   | false
            acme support   | false
            acme%2e        | false
            NULL           | false
            """)
    void subAccountIdFollowsTheDocumentedRegexAndIsNeverADotSegment(String subAccountId, boolean valid) {
        assertThat(EightByEight.validSubAccountId(subAccountId)).isEqualTo(valid);
    }
}
