package io.chatsignals.providers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * NXCloud's request signature (docs/providers.md, "NXCloud WhatsApp"): lowercase hex MD5 over the UTF-8
 * bytes of {@code k1=v1&k2=v2…} (every signed header but {@code sign}, sorted by name in ASCII order), then
 * {@code &body=<the exact body bytes>} when the body is not empty, then {@code &accessSecret=<secret>}.
 */
public final class NxCloudSignature {
    private NxCloudSignature() {}

    /**
     * @param headers accessKey, action, bizType, ts (any order; {@code sign} is ignored if present)
     * @param body    the exact bytes sent, or an empty array
     * @param secret  the accessSecret (never sent)
     * @return 32 lowercase hex characters
     */
    public static String sign(Map<String, String> headers, byte[] body, String secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
        StringBuilder prefix = new StringBuilder();
        new TreeMap<>(headers).forEach((name, value) -> {
            if (!name.equals("sign")) {
                prefix.append(prefix.length() == 0 ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        });
        out.writeBytes(prefix.toString().getBytes(StandardCharsets.UTF_8));
        if (body.length > 0) {
            out.writeBytes("&body=".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
        }
        out.writeBytes(("&accessSecret=" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(out.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
