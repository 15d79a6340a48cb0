package io.chatsignals.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worker's pure provider rules as tables: Retry-After forms, message-details parsing, credential lookup. */
class ProviderRulesTest {

    @ParameterizedTest(name = "Retry-After ''{0}'', body ''{1}'' → {2} s")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
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
        String body =
                """
                {"data":[
                  {"umid":"u","channel":"SMS","step":1,"status":{"state":"undelivered","detail":"rejected_by_operator"}},
                  {"umid":"u","channel":"WhatsApp","step":3,"channelId":"c3","direction":"inbound","country":"US",
                   "status":{"state":"delivered","detail":"delivered_to_recipient","timestamp":"2026-11-23T10:00:00.250Z"},
                   "contentType":"Text","createdAt":"2026-11-23T10:00:00","clientMessageId":"cm","batchId":"b"},
                  {"umid":"u","channel":"RCS","step":2}
                ]}""";
        MessageDetails d = EightByEightMessageDetails.parse(body);
        assertThat(d.getStep()).isEqualTo(3);
        assertThat(d.getRecords()).isEqualTo(3);
        assertThat(d.getChannel()).isEqualTo("WhatsApp");
        assertThat(d.getState()).isEqualTo("delivered");
        assertThat(d.getStatusTimestamp()).isEqualTo(Instant.parse("2026-11-23T10:00:00.250Z"));
        assertThat(d.getCreatedAt())
                .as("a timestamp without zone is UTC")
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(d.getClientMessageId()).isEqualTo("cm");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            not json         | not JSON
            {}               | no data records
            {"data":[]}      | no data records
            {"data":{}}      | no data records
            """)
    void unusableMessageDetailsAreAClearError(String body, String reason) {
        assertThatThrownBy(() -> EightByEightMessageDetails.parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "8x8 subaccount {0} → {1}")
    @CsvSource({
        "acme_support, key-of-acme",
        "other_sub,    key-default",
    })
    void eightByEightKeysArePerSubaccountElseTheDefault(String subAccount, String key) {
        try (Credentials credentials = new Credentials(AppConfig.of(
                Map.of("eightbyeight.api-key", "key-default", "eightbyeight.api-key.acme_support", "key-of-acme")))) {
            assertThat(credentials.forAccount(EightByEightClient.API_KEY, subAccount))
                    .contains(key);
            assertThat(credentials.toString()).doesNotContain(key);
        }
    }

    @ParameterizedTest(name = "NXCloud phone {0} → {1}")
    @CsvSource({
        "8613800000000, own-key",
        "8613900000000, default-key",
    })
    void nxCloudKeyPairsArePerPhoneElseTheDefault(String phone, String accessKey) {
        Credentials.Pair key;
        try (Credentials credentials = new Credentials(AppConfig.of(Map.of(
                "nxcloud.access-key",
                "default-key",
                "nxcloud.secret",
                "default-secret",
                "nxcloud.access-key.8613800000000",
                "own-key",
                "nxcloud.secret.8613800000000",
                "own-secret")))) {
            key = credentials
                    .pairForAccount(NxCloudClient.ACCESS_KEY, NxCloudClient.SECRET, phone)
                    .orElseThrow();
        }
        assertThat(key.name()).isEqualTo(accessKey);
        assertThat(key.toString())
                .doesNotContain(accessKey)
                .doesNotContain("default-secret")
                .doesNotContain("own-secret");
    }

    @Test
    void noCredentialIsEmptyNotAnError() {
        try (Credentials credentials = new Credentials(AppConfig.of(Map.of()))) {
            assertThat(credentials.forAccount(EightByEightClient.API_KEY, "acme_support"))
                    .isEmpty();
            assertThat(credentials.pairForAccount(NxCloudClient.ACCESS_KEY, NxCloudClient.SECRET, "8613800000000"))
                    .isEmpty();
        }
    }

    /** 8x8 answers by HTTP status and error envelope (8x8 "Mark message as read" and siblings): kind, code, wait. */
    @ParameterizedTest(name = "8x8 HTTP {0} {1} → {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            200 | {}                                                          | NULL | SUCCESS   | NULL | NULL
            204 | NULL                                                        | NULL | SUCCESS   | NULL | NULL
            400 | {"code":1000,"message":"Invalid umid","errorId":"e-1"}      | NULL | PERMANENT | 1000 | NULL
            401 | {"code":1200,"message":"Unauthorized"}                      | NULL | PERMANENT | 1200 | NULL
            404 | {"code":1300,"message":"Message not found"}                 | NULL | PERMANENT | 1300 | NULL
            411 | NULL                                                        | NULL | PERMANENT | NULL | NULL
            429 | {"code":1002,"message":"Quota exceeded. Please try again in 4 second(s)."} | NULL | RETRY | 1002 | 4
            429 | {"code":1002,"message":"Quota exceeded."}                   | 2    | RETRY     | 1002 | 2
            500 | {"code":2000,"message":"Internal error"}                    | NULL | RETRY     | 2000 | NULL
            503 | NULL                                                        | NULL | RETRY     | NULL | NULL
            """)
    void eightByEightAnswersAreClassifiedByStatusAndEnvelope(
            int status, String body, String retryAfter, ProviderResult.Kind kind, Integer code, Long waitSeconds) {
        ProviderResult r = EightByEightClient.classify(status, body, retryAfter);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.retryAfter()).isEqualTo(waitSeconds == null ? null : Duration.ofSeconds(waitSeconds));
        if (body != null && body.contains("errorId")) {
            assertThat(r.errorId()).isEqualTo("e-1");
        }
    }

    /**
     * NXCloud answers HTTP 200 even on failure: the body's code decides (NXCloud "WhatsApp API markMessageAsRead"; docs/providers.md).
     * -1 (busy) and 9001 are retried, 1004 (ts expired) re-signed, others permanent; 429 waits its Retry-After.
     */
    @ParameterizedTest(name = "NXCloud HTTP {0} {1} → {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            200 | {"code":0,"message":"success"}                  | NULL | SUCCESS   | 0
            200 | {"code":-1,"message":"system busy"}             | NULL | RETRY     | -1
            200 | {"code":9001,"message":"system error"}          | NULL | RETRY     | 9001
            200 | {"code":1004,"message":"ts expired"}            | NULL | RESIGN    | 1004
            200 | {"code":1003,"message":"sign error"}            | NULL | PERMANENT | 1003
            200 | {"code":9006,"message":"app not bound"}         | NULL | PERMANENT | 9006
            200 | {"message":"no code"}                           | NULL | PERMANENT | NULL
            200 | not json                                        | NULL | PERMANENT | NULL
            429 | {"code":-1,"message":"rate limited"}            | 3    | RETRY     | -1
            502 | NULL                                            | NULL | RETRY     | NULL
            400 | {"code":9000,"message":"bad parameters"}        | NULL | PERMANENT | 9000
            """)
    void nxCloudAnswersAreClassifiedByTheBodysCode(
            int status, String body, String retryAfter, ProviderResult.Kind kind, Integer code) {
        ProviderResult r = NxCloudClient.classify(status, body, retryAfter);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.rateLimited()).isEqualTo(status == 429);
        if (status == 429) {
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @ParameterizedTest(name = "{0} account={1} customer={2} messageId={3} → {4}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            EIGHT_BY_EIGHT | acme_support | NULL     | 3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b | NULL
            EIGHT_BY_EIGHT | a/b          | NULL     | 3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b | account 'a/b' does not match
            EIGHT_BY_EIGHT | acme_support | NULL     | ../read                              | messageId '../read' is not a UUID
            EIGHT_BY_EIGHT | a/b          | NULL     | ../read                              | account 'a/b'
            HUAWEI_CASE    | NULL         | case-1   | NULL                                 | NULL
            HUAWEI_CASE    | NULL         | ../x     | NULL                                 | customer '../x' does not match
            NXCLOUD        | 8613800      | 86139001 | m1                                   | NULL
            UNKNOWN        | a            | b        | c                                    | NULL
            """)
    void idRulesNameTheFirstBrokenIdWithItsValueEscaped(
            Provider provider, String account, String customer, String messageId, String problem) {
        var found = IdRules.problem(provider, account, customer, messageId);
        if (problem == null) {
            assertThat(found).isEmpty();
            assertThat(IdRules.refusal(provider, account, customer, messageId)).isEmpty();
        } else {
            assertThat(found).get(STRING).startsWith(problem);
            assertThat(IdRules.refusal(provider, account, customer, messageId))
                    .get()
                    .satisfies(r -> {
                        assertThat(r.kind()).isEqualTo(ProviderResult.Kind.PERMANENT);
                        assertThat(r.message()).isEqualTo(found.get());
                    });
        }
    }

    @Test
    void anIdWithALineBreakIsEscapedInItsProblemText() {
        assertThat(IdRules.problem(Provider.HUAWEI_CASE, null, "x\nINFO forged", null))
                .contains("customer 'x\\nINFO forged' does not match ^[A-Za-z0-9._\\-]{1,64}$ (Huawei case id)");
    }
}
