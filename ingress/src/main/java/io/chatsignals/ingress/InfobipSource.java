package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Infobip's webhook: {@code POST /webhooks/infobip[/<tenant>]}, verified by HTTP Basic authentication, the {@code BASIC}
 * security setting of the subscription's notification profile in Infobip's Subscriptions Management
 * (docs/providers/infobip.md): {@code webhooks.infobip.username} and {@code webhooks.infobip.password}
 * ({@code [.<tenant>]} each). Infobip's HMAC setting is left out: its header, encoding and signed content are not
 * documented.
 */
final class InfobipSource implements WebhookSource {
    @Override
    public Provider provider() {
        return Provider.INFOBIP;
    }

    /**
     * @throws IllegalArgumentException naming the key, for a tenant with a user name and no password or the reverse
     */
    @Override
    public List<Route> routes(AppConfig c) {
        Map<String, String> users = IngressSettings.secrets(c, "webhooks." + key() + ".username");
        Map<String, String> passwords = IngressSettings.secrets(c, "webhooks." + key() + ".password");
        Set<String> tenants = new TreeSet<>(users.keySet());
        tenants.addAll(passwords.keySet());
        for (String tenant : tenants) {
            if (users.containsKey(tenant) != passwords.containsKey(tenant)) {
                String suffix = tenant.isEmpty() ? "" : "." + tenant;
                throw new IllegalArgumentException(
                        users.containsKey(tenant)
                                ? "webhooks." + key() + ".password" + suffix + " is not set, but its username is"
                                : "webhooks." + key() + ".username" + suffix + " is not set, but its password is");
            }
        }
        return users.entrySet().stream()
                .map(tenant -> {
                    String expected = basic(tenant.getValue(), passwords.get(tenant.getKey()));
                    return Route.webhook(
                            WebhookSource.path(key(), tenant.getKey()),
                            ctx -> Check.anyOf(
                                    credentials(ctx.request().getHeader("Authorization")), List.of(expected)));
                })
                .toList();
    }

    /** @return the base64 credentials of {@code Basic <credentials>} for the pair (RFC 7617: UTF-8) */
    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the credentials of a Basic {@code Authorization} header (the scheme in any case), null for another */
    static String credentials(String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return null;
        }
        return header.substring("basic ".length()).trim();
    }
}
