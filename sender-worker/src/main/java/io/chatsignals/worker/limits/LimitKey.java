package io.chatsignals.worker.limits;

import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import java.util.Locale;

/**
 * What a provider limits: one operation of one account (the command's account: whatever the provider counts
 * against). Each key has its own token bucket and its own 429 pause in the {@link RateLimiter}.
 *
 * @param provider  the provider
 * @param account   the account the provider counts against
 * @param operation the call
 */
public record LimitKey(Provider provider, String account, Operation operation) {
    /** The calls the worker makes. */
    public enum Operation {
        MARK_READ,
        TYPING,
        /** Reads and typing indicators together, where the provider counts them as one (the Cloud API's messages). */
        MESSAGES,
        DETAILS;

        /** @return the name in {@code limits.<provider>.<name>-per-second}: read, typing, messages, details */
        public String settingName() {
            return this == MARK_READ ? "read" : name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a name no operation has */
        static Operation ofSettingName(String name) {
            for (Operation op : values()) {
                if (op.settingName().equals(name)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("no limit operation '" + name + "'");
        }
    }

    /** @return the key of a command's call: the operation its provider counts it against ({@link ProviderSpec#limitOperation}) */
    public static LimitKey of(ChatCommand command) {
        ProviderSpec spec = ProviderSpecs.of(command.getProvider());
        return new LimitKey(
                command.getProvider(),
                command.getAccount(),
                Operation.ofSettingName(spec.limitOperation(command.getAction())));
    }

    /**
     * @return the key of a message-details lookup of an account of a provider that has one
     *         ({@link ProviderSpec#hasMessageDetails()}; its default rate is the spec's)
     */
    public static LimitKey details(Provider provider, String account) {
        return new LimitKey(provider, account, Operation.DETAILS);
    }
}
