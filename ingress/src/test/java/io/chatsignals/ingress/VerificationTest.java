package io.chatsignals.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.webhooks.Samples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The providers' webhook verification as tables: Meta's signature and handshake, the static secrets. */
class VerificationTest {
    private static final String APP_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final byte[] BODY =
            Samples.read("whatsapp-cloud-inbound-text.json").getBytes(StandardCharsets.UTF_8);

    /** Meta's documented form, computed independently: HMAC-SHA256 of the raw body keyed with the app secret. */
    @Test
    void theRealSignatureOfTheBytesReceivedIsAccepted() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String header = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(BODY));
        assertThat(Verification.hubSignature(APP_SECRET, BODY)).isEqualTo(header);
        assertThat(Verification.validHubSignature(APP_SECRET, BODY, header)).isTrue();
        assertThat(Verification.validHubSignature(
                        APP_SECRET, BODY, header.toUpperCase().replace("SHA256=", "sha256=")))
                .as("hex in either case")
                .isTrue();
    }

    @ParameterizedTest(name = "{0} → rejected")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a changed byte of the body   | body
            a wrong app secret           | secret
            no header                    | missing
            no sha256= prefix            | prefix
            sha1 instead of sha256       | sha1
            not hex                      | nothex
            a truncated signature        | truncated
            an empty signature           | empty
            """)
    void anythingButTheSignatureOfTheseBytesIsRejected(String name, String change) {
        String good = Verification.hubSignature(APP_SECRET, BODY);
        byte[] body = BODY.clone();
        String secret = APP_SECRET;
        String header = good;
        switch (change) {
            case "body" -> body[body.length / 2] ^= 0x01;
            case "secret" -> secret = APP_SECRET + "x";
            case "missing" -> header = null;
            case "prefix" -> header = good.substring("sha256=".length());
            case "sha1" -> header = "sha1=" + good.substring("sha256=".length());
            case "nothex" -> header = "sha256=zz" + good.substring(9);
            case "truncated" -> header = good.substring(0, good.length() - 2);
            default -> header = "sha256=";
        }
        assertThat(Verification.validHubSignature(secret, body, header)).isFalse();
    }

    @ParameterizedTest(name = "mode {0}, token {1}, challenge {2} → {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            subscribe   | verify-me   | 1158201444 | 1158201444
            subscribe   | verify-me   | NULL       | NULL
            subscribe   | verify-me   | ''         | NULL
            subscribe   | verify-me   | <script>   | NULL
            subscribe   | verify-me   | 11111111111111111111111111111111111111111111111111111111111111111 | NULL
            subscribe   | verify-mE   | 1158201444 | NULL
            subscribe   | NULL        | 1158201444 | NULL
            unsubscribe | verify-me   | 1158201444 | NULL
            NULL        | verify-me   | 1158201444 | NULL
            """)
    void theHandshakeEchoesOnlyADigitChallengeForTheRightToken(
            String mode, String token, String challenge, String answer) {
        assertThat(Verification.handshake("verify-me", mode, token, challenge).orElse(null))
                .isEqualTo(answer);
    }

    @ParameterizedTest(name = "''{1}'' against ''{0}'' → {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            Basic c2VjcmV0   | Basic c2VjcmV0   | true
            Basic c2VjcmV0   | Basic c2VjcmV1   | false
            Basic c2VjcmV0   | Basic c2VjcmV0x  | false
            Basic c2VjcmV0   | basic c2VjcmV0   | false
            Basic c2VjcmV0   | ''               | false
            Basic c2VjcmV0   | NULL             | false
            """)
    void staticSecretsMatchExactly(String expected, String given, boolean same) {
        assertThat(Verification.sameSecret(expected, given)).isEqualTo(same);
    }
}
