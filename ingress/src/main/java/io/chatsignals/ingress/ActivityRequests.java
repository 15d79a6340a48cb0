package io.chatsignals.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Provider;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The agent-activity API's body (docs/configuration.md, "ingress"): one JSON object, or an array of them, each
 * {@code {provider, account, customer, kind, occurredAt?, actor?}} — {@code provider} a contract symbol
 * ({@code <PROVIDER>}) or a provider key ({@code <key>}), {@code kind} {@code AGENT_VIEWED},
 * {@code AGENT_TYPING} or {@code REPLY_SENT}, {@code occurredAt} ISO-8601 or epoch ms (default: when received). A
 * request maps whole or not at all: the first problem is answered 400 with its field. Stateless.
 */
final class ActivityRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityRequests() {}

    /** A request the client must fix: answered 400 with this text. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * @param receivedAt the time of an event that names none
     * @throws Invalid naming the first problem (not JSON, a missing or unknown field value)
     */
    static List<DurableWriter.Out> map(byte[] body, String topic, Instant receivedAt) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new Invalid("not JSON");
        }
        if (root == null || !(root.isObject() || root.isArray()) || root.isEmpty()) {
            throw new Invalid("the body must be an activity object or a non-empty array of them");
        }
        List<DurableWriter.Out> out = new ArrayList<>();
        int i = 0;
        for (JsonNode node : root.isArray() ? root : List.of(root)) {
            String where = root.isArray() ? "[" + i++ + "]." : "";
            ConversationActivity a = ConversationActivity.newBuilder()
                    .setProvider(provider(text(node, "provider", where), where))
                    .setAccount(text(node, "account", where))
                    .setCustomer(text(node, "customer", where))
                    .setKind(kind(text(node, "kind", where), where))
                    .setOccurredAt(occurredAt(node.path("occurredAt"), receivedAt, where))
                    .setActor(node.hasNonNull("actor") ? node.get("actor").asText() : null)
                    .build();
            out.add(new DurableWriter.Out(
                    topic, Keys.conversation(a.getProvider(), a.getAccount(), a.getCustomer()), a));
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where) throws Invalid {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Invalid(where + field + " is required (a string)");
        }
        return v.asText().trim();
    }

    private static Provider provider(String value, String where) throws Invalid {
        return ProviderSpecs.byName(value)
                .map(ProviderSpec::provider)
                .orElseThrow(() -> new Invalid(where + "provider '" + value + "' is none of "
                        + ProviderSpecs.known().stream()
                                .map(s -> s.provider().name())
                                .collect(Collectors.joining(", "))));
    }

    private static ActivityKind kind(String value, String where) throws Invalid {
        try {
            ActivityKind k = ActivityKind.valueOf(value.toUpperCase(Locale.ROOT));
            if (k != ActivityKind.UNKNOWN) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new Invalid(where + "kind '" + value + "' is none of AGENT_VIEWED, AGENT_TYPING, REPLY_SENT");
    }

    private static Instant occurredAt(JsonNode v, Instant receivedAt, String where) throws Invalid {
        if (v.isMissingNode() || v.isNull()) {
            return receivedAt;
        }
        if (v.isIntegralNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new Invalid(where + "occurredAt must be ISO-8601 or epoch ms, was '" + v.asText() + "'");
        }
    }
}
