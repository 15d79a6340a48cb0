package io.chatsignals.ingress;

import io.chatsignals.providers.FormParameters;
import io.chatsignals.webhooks.WebhookException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature, {@code X-Twilio-Signature} (Twilio "Webhooks security"; twilio-java
 * {@code RequestValidator}; docs/providers/twilio.md): Base64 of HMAC-SHA1, keyed with the account's Auth Token, over the
 * full URL Twilio requested followed, for a form POST, by every parameter sorted by name (ordinal, case-sensitive), each
 * as name then value (a repeated name's distinct values sorted). A URL carrying {@code bodySHA256} (a JSON body) is
 * signed alone, and the body's lower-case hex SHA-256 must equal that parameter. Because Twilio's signing is
 * inconsistent about default ports, the URL is accepted with and without {@code :443}/{@code :80}, as Twilio's SDKs do.
 * Every comparison runs in constant time. Stateless.
 */
public final class TwilioSignature {
    private TwilioSignature() {}

    /**
     * @param params the POST parameters by name (none for a GET or a JSON body)
     * @return the signature Twilio sends for that request
     */
    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeSet<>(params.keySet()).forEach(name -> new TreeSet<>(params.get(name))
                .forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * @param url       the URL Twilio requested: scheme, host, port if any, path and the query as received
     * @param body      the raw body
     * @param form      whether the body is form parameters (its parameters are signed); else nothing is appended
     * @param signature the {@code X-Twilio-Signature} received
     * @return whether the signature is Twilio's for this request under any of the URL's port forms
     */
    public static boolean valid(String authToken, String url, byte[] body, boolean form, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        Map<String, List<String>> params = Map.of();
        String bodyHash = queryParameter(url, "bodySHA256");
        if (bodyHash != null) {
            byte[] actual = HexFormat.of().formatHex(sha256(body)).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(actual, bodyHash.toLowerCase().getBytes(StandardCharsets.UTF_8))) {
                return false;
            }
        } else if (form) {
            try {
                params = FormParameters.parse(body);
            } catch (WebhookException e) {
                return false;
            }
        }
        byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        for (String candidate : portForms(url)) {
            any |= MessageDigest.isEqual(sign(authToken, candidate, params).getBytes(StandardCharsets.UTF_8), given);
        }
        return any;
    }

    /** @return the URL as given, with its scheme's default port added, and without it */
    static Set<String> portForms(String url) {
        Set<String> out = new LinkedHashSet<>();
        out.add(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return out;
        }
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return out;
        }
        int start = url.indexOf(authority);
        String before = url.substring(0, start);
        String after = url.substring(start + authority.length());
        if (uri.getPort() == -1) {
            out.add(before + authority + ":" + defaultPort + after);
        } else if (uri.getPort() == defaultPort) {
            out.add(before + authority.substring(0, authority.lastIndexOf(':')) + after);
        }
        return out;
    }

    private static String queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
