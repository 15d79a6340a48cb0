package io.chatsignals.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Twilio's published test vectors (its webhooks-security page and the SDKs' own validator tests, as quoted in
 * docs/providers/twilio.md), reproduced: token {@code 12345}, URL {@code https://mycompany.com/myapp.php?foo=1&bar=2}.
 */
class TwilioSignatureTest {
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static byte[] form(String caller) {
        return ("CallSid=CA1234567890ABCDE&Caller=" + caller.replace("+", "%2B") + "&Digits=1234&From="
                        + caller.replace("+", "%2B") + "&To=%2B18005551212")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            the webhooks-security page's example       | https://mycompany.com/myapp.php?foo=1&bar=2     | +12349013030 | 0/KCTR6DLpKmkAf8muzZqo1nDgQ= | true
            the SDKs' example                          | https://mycompany.com/myapp.php?foo=1&bar=2     | +14158675309 | RSOYDt4T1cUTdK1PDd93/VVr8B8= | true
            signed with :443, received without         | https://mycompany.com/myapp.php?foo=1&bar=2     | +14158675309 | kvajT1Ptam85bY51eRf/AJRuM3w= | true
            signed without the port, received with :443 | https://mycompany.com:443/myapp.php?foo=1&bar=2 | +14158675309 | RSOYDt4T1cUTdK1PDd93/VVr8B8= | true
            another caller                             | https://mycompany.com/myapp.php?foo=1&bar=2     | +14158675300 | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
            another query                              | https://mycompany.com/myapp.php?foo=2&bar=2     | +14158675309 | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
            another port                               | https://mycompany.com:8443/myapp.php?foo=1&bar=2 | +14158675309 | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
            """)
    void formPostsAreSignedOverTheUrlAndTheSortedParameters(
            String name, String url, String caller, String signature, boolean valid) {
        assertThat(TwilioSignature.valid(TOKEN, url, form(caller), true, signature))
                .isEqualTo(valid);
    }

    @ParameterizedTest(name = "signing the page's example gives {0}")
    @CsvSource("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
    void signingGivesThePublishedValue(String expected) {
        assertThat(TwilioSignature.sign(
                        TOKEN,
                        URL,
                        Map.of(
                                "CallSid", List.of("CA1234567890ABCDE"),
                                "Caller", List.of("+12349013030"),
                                "Digits", List.of("1234"),
                                "From", List.of("+12349013030"),
                                "To", List.of("+18005551212"))))
                .isEqualTo(expected);
    }

    /** A JSON body: the URL carries its hash and is signed alone; a changed body fails on the hash. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            the SDKs' JSON example | {"property": "value", "boolean": true}  | true
            a changed body         | {"property": "value", "boolean": false} | false
            """)
    void jsonBodiesAreCheckedByTheirHash(String name, String body, boolean valid) {
        String url = URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assertThat(TwilioSignature.valid(
                        TOKEN, url, body.getBytes(StandardCharsets.UTF_8), false, "a9nBmqA0ju/hNViExpshrM61xv4="))
                .isEqualTo(valid);
    }
}
