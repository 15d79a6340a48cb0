package io.chatsignals.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.contract.Policies;
import io.chatsignals.contract.PolicyTable;
import io.chatsignals.ops.Durations;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * The policy admin API's JSON (docs/policies.md, "Admin API"): a body {@code {readPolicy?, readDelay?, typingPolicy?,
 * typingRefresh?}} — policies by name ({@code on-agent-view}), durations as {@code 5s}, {@code 500ms} or ISO-8601, a
 * field left out inheriting — mapped whole or not at all; and a policy as the API shows it. Stateless.
 */
final class PolicyRequests {
    private static final Set<String> FIELDS = Set.of("readPolicy", "readDelay", "typingPolicy", "typingRefresh");

    private PolicyRequests() {}

    /**
     * @param providerName the path's provider: its key (docs/providers.md) or contract symbol
     * @param account      the path's account, or {@code *} for the provider's default
     * @param updatedBy    who sets it ({@code admin-api:<client>})
     * @throws ActivityRequests.Invalid naming the field, for a body or path a client must fix
     */
    static BusinessPolicy map(byte[] body, String providerName, String account, String updatedBy, Instant now)
            throws ActivityRequests.Invalid {
        JsonNode root;
        try {
            root = Replies.JSON.readTree(body);
        } catch (IOException e) {
            throw new ActivityRequests.Invalid("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ActivityRequests.Invalid("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ActivityRequests.Invalid(name + ": not a policy field (" + String.join(", ", FIELDS) + ")");
            }
        }
        BusinessPolicy policy = BusinessPolicy.newBuilder()
                .setProvider(provider(providerName))
                .setAccount(account)
                .setReadPolicy(field(root, "readPolicy", Policies::readPolicy))
                .setReadDelayMs(field(root, "readDelay", t -> millis(t, 0)))
                .setTypingPolicy(field(root, "typingPolicy", Policies::typingPolicy))
                .setTypingRefreshMs(field(root, "typingRefresh", t -> millis(t, 1)))
                .setUpdatedAt(now)
                .setUpdatedBy(updatedBy)
                .build();
        String problem = Policies.problem(null, policy).orElse(null);
        if (problem != null) {
            throw new ActivityRequests.Invalid(problem);
        }
        return policy;
    }

    /** @throws ActivityRequests.Invalid for a name that is no provider's */
    static Provider provider(String name) throws ActivityRequests.Invalid {
        try {
            return ProviderSpecs.named(name).provider();
        } catch (IllegalArgumentException e) {
            throw new ActivityRequests.Invalid(e.getMessage());
        }
    }

    /** @return the policy as the API shows it: its fields as set (none inherited), version, when and by whom */
    static ObjectNode json(PolicyTable.Versioned versioned) {
        BusinessPolicy p = versioned.policy();
        ObjectNode out = Replies.JSON
                .createObjectNode()
                .put("provider", ProviderSpecs.of(p.getProvider()).key())
                .put("account", p.getAccount());
        if (p.getReadPolicy() != null) {
            out.put("readPolicy", Policies.name(p.getReadPolicy()));
        }
        if (p.getReadDelayMs() != null) {
            out.put("readDelay", p.getReadDelayMs() + "ms");
        }
        if (p.getTypingPolicy() != null) {
            out.put("typingPolicy", Policies.name(p.getTypingPolicy()));
        }
        if (p.getTypingRefreshMs() != null) {
            out.put("typingRefresh", p.getTypingRefreshMs() + "ms");
        }
        return out.put("version", versioned.version())
                .put("updatedAt", p.getUpdatedAt().toString())
                .put("updatedBy", p.getUpdatedBy());
    }

    private static <T> T field(JsonNode root, String name, Function<String, T> parse) throws ActivityRequests.Invalid {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ActivityRequests.Invalid(name + ": a string");
        }
        try {
            return parse.apply(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ActivityRequests.Invalid(name + ": " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException for text that is no duration, or one under {@code least} ms */
    private static Long millis(String text, long least) {
        long ms = Durations.parse(text).toMillis();
        if (ms < least) {
            throw new IllegalArgumentException("'" + text + "' is under " + least + "ms");
        }
        return ms;
    }
}
