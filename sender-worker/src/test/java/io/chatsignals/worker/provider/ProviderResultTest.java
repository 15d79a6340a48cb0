package io.chatsignals.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult.Kind;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderResultTest {

    static Stream<Arguments> transportErrors() {
        return Stream.of(
                Arguments.of(
                        new TimeoutException(
                                "The timeout period of 5000ms has been exceeded while executing POST /x for server null"),
                        Kind.RETRY,
                        "no answer to POST /api/v1/subaccounts/acme/messages/m/read within the request timeout of 5000 ms"),
                Arguments.of(
                        new ConnectException("Connection refused"), Kind.RETRY, "ConnectException: Connection refused"),
                Arguments.of(
                        new SSLHandshakeException("Remote host terminated the handshake"),
                        Kind.RETRY,
                        "terminated the handshake"),
                Arguments.of(
                        handshake(new CertificateException(
                                "No subject alternative names matching IP address 127.0.0.1 found")),
                        Kind.PERMANENT,
                        "certificate failed validation"),
                Arguments.of(
                        handshake(new CertificateException(
                                "PKIX path building failed",
                                new CertPathValidatorException("unable to find valid certification path"))),
                        Kind.PERMANENT,
                        "provider.ssl.truststore"),
                Arguments.of(
                        handshake(new CertPathValidatorException("validity check failed")),
                        Kind.PERMANENT,
                        "validity check failed"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("transportErrors")
    void transportErrorsAreClassifiedAndSayWhatHappened(Throwable error, Kind kind, String message) {
        ProviderResult result =
                ProviderResult.transportError(error, "POST /api/v1/subaccounts/acme/messages/m/read", 5000);
        assertThat(result.kind()).isEqualTo(kind);
        assertThat(result.message()).contains(message).doesNotContain("server null");
        assertThat(result.httpStatus()).isNull();
    }

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException("PKIX failure");
        e.initCause(cause);
        return e;
    }
}
