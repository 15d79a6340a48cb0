package io.chatsignals.streams.policy;

import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TypingPolicy;

/**
 * The policy a conversation is decided under, each field resolved by the precedence of docs/policies.md (the account's
 * record, then the provider's default record, then streams-app's settings). Immutable; shared by every conversation of
 * the account until a policy record changes it.
 *
 * @param read          when to mark read
 * @param readDelayMs   quiet period before an on-receipt decision, ms
 * @param typing        when to show typing
 * @param typingRefreshMs at most one typing indicator per conversation per this, ms
 * @param readBy        what a read command records as the policy that decided it
 * @param typingBy      what a typing command records as the policy that decided it
 */
public record EffectivePolicy(
        ReadPolicy read,
        long readDelayMs,
        TypingPolicy typing,
        long typingRefreshMs,
        DecidedBy readBy,
        DecidedBy typingBy) {}
