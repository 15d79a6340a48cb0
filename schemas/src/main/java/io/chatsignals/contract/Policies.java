package io.chatsignals.contract;

import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TypingPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of a business policy record (topic {@code chat.policies.v1}, docs/policies.md), in one place for every
 * writer and reader: its key, the policies' names as settings and APIs spell them ({@code on-agent-view}), and what
 * makes a record invalid. Stateless.
 */
public final class Policies {
    /** The account of a provider's default policy: it applies to every account of the provider without its own. */
    public static final String PROVIDER_DEFAULT = "*";

    private Policies() {}

    /** @return the record key of a policy: {@code <provider>:<account>}, as {@code chat.commands.v1}'s */
    public static String key(Provider provider, String account) {
        return Schemas.Keys.command(provider, account);
    }

    /** @return a policy as settings and APIs name it: {@code ON_AGENT_VIEW} → {@code on-agent-view} */
    public static String name(Enum<?> policy) {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the read policies a user may choose, by name */
    public static List<String> readPolicyNames() {
        return names(ReadPolicy.values());
    }

    /** @return the typing policies a user may choose, by name */
    public static List<String> typingPolicyNames() {
        return names(TypingPolicy.values());
    }

    /**
     * @param name {@code on-receipt}, {@code on-agent-view}, {@code on-agent-reply} or {@code off}
     * @throws IllegalArgumentException naming the choices, for any other name
     */
    public static ReadPolicy readPolicy(String name) {
        return parse(name, ReadPolicy.values(), "read policy");
    }

    /**
     * @param name {@code on-agent-typing}, {@code on-receipt} or {@code off}
     * @throws IllegalArgumentException naming the choices, for any other name
     */
    public static TypingPolicy typingPolicy(String name) {
        return parse(name, TypingPolicy.values(), "typing policy");
    }

    /**
     * @param key    the record's key ({@code null}: not checked)
     * @param policy the record's value
     * @return why the record is invalid, naming the field, or empty when it is valid
     */
    public static Optional<String> problem(String key, BusinessPolicy policy) {
        if (policy.getProvider() == null || policy.getProvider() == Provider.UNKNOWN) {
            return Optional.of("provider: not a provider this version knows");
        }
        if (policy.getAccount() == null || policy.getAccount().isBlank()) {
            return Optional.of("account: blank");
        }
        String expected = key(policy.getProvider(), policy.getAccount());
        if (key != null && !key.equals(expected)) {
            return Optional.of("key: '" + key + "' is not the record's provider and account '" + expected + "'");
        }
        if (policy.getReadPolicy() == ReadPolicy.UNKNOWN) {
            return Optional.of("readPolicy: a policy this version does not know");
        }
        if (policy.getTypingPolicy() == TypingPolicy.UNKNOWN) {
            return Optional.of("typingPolicy: a policy this version does not know");
        }
        if (policy.getReadDelayMs() != null && policy.getReadDelayMs() < 0) {
            return Optional.of("readDelayMs: negative (" + policy.getReadDelayMs() + ")");
        }
        if (policy.getTypingRefreshMs() != null && policy.getTypingRefreshMs() <= 0) {
            return Optional.of("typingRefreshMs: not positive (" + policy.getTypingRefreshMs() + ")");
        }
        return Optional.empty();
    }

    private static <E extends Enum<E>> E parse(String name, E[] values, String what) {
        String wanted = name == null ? "" : name.trim();
        for (E value : values) {
            if (!value.name().equals("UNKNOWN") && name(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException(what + ": '" + wanted + "' is none of " + String.join(", ", names(values)));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values)
                .filter(v -> !v.name().equals("UNKNOWN"))
                .map(Policies::name)
                .toList();
    }
}
