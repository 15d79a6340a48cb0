package io.chatsignals.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetMetadataCodecTest {

    @ParameterizedTest(name = "base {0}, span {1}, unfinished [{2}] → form {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            100 | 1     | 100                 | b
            100 | 5     | 100 102 104         | b
            100 | 10    | 100                 | b
            0   | 2000  | 0 1 2 3             | b
            500 | 3000  | 500 501 502 2000    | r
            7   | 64    | 7 8 9 10 11 12 13 70| r
            """)
    void roundTripsTheUnfinishedOffsetsInTheShorterForm(long base, long span, String unfinishedList, String form) {
        NavigableSet<Long> unfinished = offsets(unfinishedList);
        OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(base, span, unfinished, 4000);

        assertThat(encoded.truncated()).isFalse();
        assertThat(encoded.metadata()).startsWith(OffsetMetadataCodec.PREFIX + span + ":" + form + ":");
        OffsetMetadataCodec.Decoded decoded =
                OffsetMetadataCodec.decode(base, encoded.metadata()).orElseThrow();
        assertThat(decoded.span()).isEqualTo(span);
        assertThat(decoded.unfinished()).containsExactlyElementsOf(unfinished.subSet(base, true, base + span, false));
    }

    @Test
    void interleavedAccountsOverTenThousandOffsetsFitTheBrokersDefaultLimit() {
        // one hot account with every third offset unfinished, the others finished: the "hot account" case
        NavigableSet<Long> unfinished = LongStream.range(0, 10_000)
                .filter(o -> o % 3 == 0)
                .boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(0, 10_000, unfinished, 4096);
        assertThat(encoded.truncated()).isFalse();
        assertThat(encoded.metadata().length()).isLessThanOrEqualTo(4096);
        assertThat(OffsetMetadataCodec.decode(0, encoded.metadata())
                        .orElseThrow()
                        .unfinished())
                .isEqualTo(unfinished);
    }

    @ParameterizedTest(name = "limit {0} chars")
    @ValueSource(ints = {40, 100, 500})
    void aSpanTooLongForTheLimitIsCutToAPrefixThatFits(int maxChars) {
        NavigableSet<Long> unfinished = LongStream.range(0, 100_000)
                .filter(o -> o % 7 == 0 || o % 11 == 0)
                .boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(0, 100_000, unfinished, maxChars);

        assertThat(encoded.truncated()).isTrue();
        assertThat(encoded.metadata().length()).isLessThanOrEqualTo(maxChars);
        assertThat(encoded.span()).isPositive().isLessThan(100_000);
        OffsetMetadataCodec.Decoded decoded =
                OffsetMetadataCodec.decode(0, encoded.metadata()).orElseThrow();
        assertThat(decoded.span()).isEqualTo(encoded.span());
        assertThat(decoded.unfinished()).isEqualTo(unfinished.headSet(encoded.span(), false));
    }

    @Test
    void nothingKnownAboveTheBaseIsEmptyMetadata() {
        assertThat(OffsetMetadataCodec.encode(42, 0, new TreeSet<>(), 4096).metadata())
                .isEmpty();
        assertThat(OffsetMetadataCodec.decode(42, "")).isEmpty();
        assertThat(OffsetMetadataCodec.decode(42, null)).isEmpty();
        assertThat(OffsetMetadataCodec.decode(42, "written by another tool")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cs1:10", "cs1:10:x:AAAA", "cs1:10:r:gA"})
    void corruptMetadataOfThisFormatIsAClearError(String metadata) {
        assertThatThrownBy(() -> OffsetMetadataCodec.decode(0, metadata)).isInstanceOf(IllegalArgumentException.class);
    }

    private static NavigableSet<Long> offsets(String list) {
        return Arrays.stream(list.trim().split("\\s+"))
                .map(Long::parseLong)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
