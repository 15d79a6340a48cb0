package io.chatsignals.ingress;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The providers' webhook verification kinds (docs/providers.md): a static {@code Authorization} value, a secret of the
 * business's choosing, Meta's {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body, keyed with the app
 * secret) and its {@code hub.challenge} handshake. Every comparison runs in constant time over SHA-256 digests of both
 * sides, so neither the content nor the length of a secret leaks through timing; signatures are computed over the bytes
 * received, before any parsing. Stateless and thread-safe.
 */
public final class Verification {
    /** The prefix of {@code X-Hub-Signature-256}'s value. */
    static final String SHA256_PREFIX = "sha256=";
    /** Longest {@code hub.challenge} echoed: Meta sends a number; anything else is refused, never reflected. */
    static final int MAX_CHALLENGE = 64;

    private Verification() {}

    /** @return whether {@code given} equals {@code expected}; false for a null {@code given}; constant time */
    public static boolean sameSecret(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sha256(expected.getBytes(StandardCharsets.UTF_8)), sha256(given.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return {@code sha256=<lower-case hex of HMAC-SHA256(body) keyed with appSecret>}, as Meta signs a webhook */
    public static String hubSignature(String appSecret, byte[] body) {
        return SHA256_PREFIX + HexFormat.of().formatHex(hmacSha256(appSecret, body));
    }

    /**
     * @param header the {@code X-Hub-Signature-256} value received, may be null
     * @param body   the raw request body, exactly as received
     * @return whether the header is Meta's signature of these bytes with this app secret (hex compared without regard to
     *         case); false for a missing or malformed header
     */
    public static boolean validHubSignature(String appSecret, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of()
                    .parseHex(header.substring(SHA256_PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(hmacSha256(appSecret, body)), sha256(given));
    }

    /**
     * Meta's endpoint verification: {@code GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}.
     *
     * @return the challenge to answer with, when the mode is {@code subscribe}, the token is the configured one and the
     *         challenge is 1–{@value #MAX_CHALLENGE} digits; empty otherwise (answer 403)
     */
    public static Optional<String> handshake(String verifyToken, String mode, String token, String challenge) {
        boolean digits = challenge != null
                && !challenge.isEmpty()
                && challenge.length() <= MAX_CHALLENGE
                && challenge.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        return "subscribe".equals(mode) && sameSecret(verifyToken, token) && digits
                ? Optional.of(challenge)
                : Optional.empty();
    }

    private static byte[] hmacSha256(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
