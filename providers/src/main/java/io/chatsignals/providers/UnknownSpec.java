package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Duration;

/**
 * {@code UNKNOWN}: what a reader sees for a provider symbol added by a newer writer. Supports nothing and has no
 * windows; its default limit is 1 request/s, though no call is ever made for it.
 */
final class UnknownSpec extends ProviderSpec {
    UnknownSpec() {
        super(Provider.UNKNOWN, "unknown", "unknown", Duration.ZERO, Duration.ZERO);
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return false;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 1.0;
    }
}
