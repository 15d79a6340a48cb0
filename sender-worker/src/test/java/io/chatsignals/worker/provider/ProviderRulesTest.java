package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.MessageDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's pure provider rules as tables: Retry-After forms, message-details parsing, credential lookup. */
class ProviderRulesTest {

    @ParameterizedTest(name = "Retry-After ''{0}'', body ''{1}'' → {2} s")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            30    | Quota exceeded. Please try again in 1 second(s).  | 30
            ' 2 ' | NULL                                              | 2
            NULL  | Quota exceeded. Please try again in 7 second(s).  | 7
            NULL  | Too many requests, try again in 3 second(s)       | 3
            Wed, 21 Oct 2026 07:28:00 GMT | Please try again in 4 second(s). | 4
            NULL  | NULL                                              | 1
            abc   | something else                                    | 1
            """)
    void retryAfterComesFromTheHeaderElseTheBodyElseOneSecond(String header, String body, long seconds) {
        assertThat(RetryAfter.parse(header, body)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void messageDetailsTakeTheRecordWithTheHighestStep() {
        String body = """
                {"data":[
                  {"umid":"u","channel":"SMS","step":1,"status":{"state":"undelivered","detail":"rejected_by_operator"}},
                  {"umid":"u","channel":"WhatsApp","step":3,"channelId":"c3","direction":"inbound","country":"US",
                   "status":{"state":"delivered","detail":"delivered_to_recipient","timestamp":"2026-11-23T10:00:00.250Z"},
                   "contentType":"Text","createdAt":"2026-11-23T10:00:00","clientMessageId":"cm","batchId":"b"},
                  {"umid":"u","channel":"RCS","step":2}
                ]}""";
        MessageDetails d = MessageDetailsParser.parse(body);
        assertThat(d.getStep()).isEqualTo(3);
        assertThat(d.getRecords()).isEqualTo(3);
        assertThat(d.getChannel()).isEqualTo("WhatsApp");
        assertThat(d.getState()).isEqualTo("delivered");
        assertThat(d.getStatusTimestamp()).isEqualTo(Instant.parse("2026-11-23T10:00:00.250Z"));
        assertThat(d.getCreatedAt()).as("a timestamp without zone is UTC").isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(d.getClientMessageId()).isEqualTo("cm");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json         | not JSON
            {}               | no data records
            {"data":[]}      | no data records
            {"data":{}}      | no data records
            """)
    void unusableMessageDetailsAreAClearError(String body, String reason) {
        assertThatThrownBy(() -> MessageDetailsParser.parse(body)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "8x8 subaccount {0} → {1}")
    @CsvSource({
            "acme_support, key-of-acme",
            "other_sub,    key-default",
    })
    void eightByEightKeysArePerSubaccountElseTheDefault(String subAccount, String key) {
        Credentials credentials = new Credentials(AppConfig.of(Map.of("eightbyeight.api-key", "key-default",
                "eightbyeight.api-key.acme_support", "key-of-acme")));
        assertThat(credentials.eightByEightKey(subAccount)).contains(key);
        assertThat(credentials.toString()).doesNotContain(key);
    }

    @ParameterizedTest(name = "NXCloud phone {0} → {1}")
    @CsvSource({
            "8613800000000, own-key",
            "8613900000000, default-key",
    })
    void nxCloudKeyPairsArePerPhoneElseTheDefault(String phone, String accessKey) {
        Credentials credentials = new Credentials(AppConfig.of(Map.of("nxcloud.access-key", "default-key", "nxcloud.secret", "default-secret",
                "nxcloud.access-key.8613800000000", "own-key", "nxcloud.secret.8613800000000", "own-secret")));
        Credentials.NxCloudKey key = credentials.nxCloudKey(phone).orElseThrow();
        assertThat(key.accessKey()).isEqualTo(accessKey);
        assertThat(key.toString()).doesNotContain(accessKey).doesNotContain("default-secret").doesNotContain("own-secret");
    }

    @Test
    void noCredentialIsEmptyNotAnError() {
        Credentials credentials = new Credentials(AppConfig.of(Map.of()));
        assertThat(credentials.eightByEightKey("acme_support")).isEmpty();
        assertThat(credentials.nxCloudKey("8613800000000")).isEmpty();
    }
}
