package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NxCloudSignatureTest {

    @Test
    void documentedTestVector() {
        // docs/providers.md: NXCloud's own vector
        Map<String, String> headers =
                Map.of("accessKey", "fme2na3kdi3ki", "ts", "1655710885431", "bizType", "1", "action", "send");
        byte[] body = "{\"name\":\"牛小信\",\"id\":10001}".getBytes(StandardCharsets.UTF_8);
        assertThat(NxCloudSignature.sign(headers, body, "abciiiko2k3")).isEqualTo("87c3560d3331ae23f1021e2025722354");
    }

    @Test
    void emptyBodyIsLeftOutAndSignIsIgnored() {
        Map<String, String> headers = Map.of("accessKey", "k", "ts", "1", "bizType", "2", "action", "read");
        Map<String, String> withSign = new HashMap<>(headers);
        withSign.put("sign", "whatever");
        assertThat(NxCloudSignature.sign(withSign, new byte[0], "s"))
                .isEqualTo(NxCloudSignature.sign(headers, new byte[0], "s"))
                .isNotEqualTo(NxCloudSignature.sign(headers, "{}".getBytes(StandardCharsets.UTF_8), "s"));
    }
}
