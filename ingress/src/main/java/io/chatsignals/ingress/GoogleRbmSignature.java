package io.chatsignals.ingress;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Google RBM's message signature, {@code X-Goog-Signature} (Google "Webhooks", docs/providers/google-rbm.md):
 * Base64(HMAC-SHA512(key = the webhook's client token, message = the base64-decoded {@code message.data})). Stateless.
 */
public final class GoogleRbmSignature {
    private GoogleRbmSignature() {}

    /** @return the {@code X-Goog-Signature} Google sends for that data */
    public static String sign(String clientToken, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(clientToken.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }

    /**
     * @param data      the base64-decoded {@code message.data}
     * @param signature the {@code X-Goog-Signature} received
     * @return whether the signature is Google's for that data, compared in constant time
     */
    public static boolean valid(String clientToken, byte[] data, String signature) {
        return MessageDigest.isEqual(
                sign(clientToken, data).getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8));
    }
}
