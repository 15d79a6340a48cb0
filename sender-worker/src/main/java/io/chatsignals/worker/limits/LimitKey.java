package io.chatsignals.worker.limits;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.util.Locale;

/**
 * What a provider limits: one operation of one account (an 8x8 subaccount, an NXCloud business phone, a Huawei
 * account). Each key has its own token bucket and its own 429 pause in the {@link RateLimiter}.
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
        DETAILS;

        /** @return the name in {@code limits.<provider>.<name>-per-second}: read, typing, details */
        public String settingName() {
            return this == MARK_READ ? "read" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return the key of a command's call */
    public static LimitKey of(ChatCommand command) {
        return new LimitKey(
                command.getProvider(),
                command.getAccount(),
                command.getAction() == CommandAction.TYPING ? Operation.TYPING : Operation.MARK_READ);
    }

    /** @return the key of an 8x8 message-details lookup of a subaccount (1 request/s: 8x8 "Retrieve message details") */
    public static LimitKey details(String subAccountId) {
        return new LimitKey(Provider.EIGHT_BY_EIGHT, subAccountId, Operation.DETAILS);
    }
}
