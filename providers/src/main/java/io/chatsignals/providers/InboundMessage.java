package io.chatsignals.providers;

import java.time.Instant;

/**
 * An inbound record of any provider read the same way (docs/design.md, "The contract"): what every module needs of a
 * customer's message — its conversation (account and customer), its id, its event time, its channel. Fields are as
 * the record holds them, unchecked: {@link InboundSpec#problem} and the provider's id rules say whether they are valid.
 *
 * @param messageId the provider's message id, or null
 * @param account   the business side (the provider's account, sender or phone number id, as its page in
 *                  docs/providers/ names it), or null
 * @param customer  the customer side by the provider's one rule ({@link InboundSpec}), or null when the record has none
 * @param at        the message's event time, or null
 * @param channel   the conversation's channel in lower case ({@code whatsapp}, {@code rcs}, {@code case}), or null
 * @param groupId   the group or thread a message belongs to, or null
 * @param appId     the provider's application key the record carries (where its calls need one), or null
 */
public record InboundMessage(
        String messageId, String account, String customer, Instant at, String channel, String groupId, String appId) {}
