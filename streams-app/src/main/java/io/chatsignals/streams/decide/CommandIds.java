package io.chatsignals.streams.decide;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic command ids (docs/design.md, decision rule 7): a name-based UUID of the decision — action, provider, account,
 * message id, trigger and the decision's sequence number in its conversation — so a decision replayed after a crash
 * (state restored from the changelog) carries the same id, the worker's idempotency key.
 */
public final class CommandIds {
    private CommandIds() {}

    /** @return a UUID string, equal for equal inputs */
    public static String of(
            CommandAction action, Provider provider, String account, String messageId, Trigger trigger, long sequence) {
        String name = action + "|" + provider + "|" + account + "|" + messageId + "|" + trigger + "|" + sequence;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
