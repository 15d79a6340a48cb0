package io.chatsignals.streams.topology;

import io.chatsignals.providers.EightByEight;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.errors.InvalidRecordException;
import io.chatsignals.streams.state.ConversationEvent;

import java.time.Duration;
import java.time.Instant;

/**
 * Validates input records and turns them into {@link ConversationEvent}s (DESIGN.md rule 1, identity rules): required
 * fields, the 8x8 subAccountId regex (PROVIDERS.md), event times not beyond the clock-skew allowance. Customer: 8x8
 * msisdn, else channelUserId; NXCloud waId (when not empty), else userId.
 */
public final class Validation {
    public static final String INBOUND = "INBOUND";
    public static final String ACTIVITY = "ACTIVITY";

    private final Duration clockSkew;

    public Validation(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent eightByEight(EightByEightInbound in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getUmid()), "umid is required");
        require(EightByEight.validSubAccountId(in.getSubAccountId()),
                "subAccountId '" + in.getSubAccountId() + "' does not match " + EightByEight.SUB_ACCOUNT_ID.pattern());
        require(present(in.getChannel()), "channel is required");
        String customer = present(in.getMsisdn()) ? in.getMsisdn() : in.getChannelUserId();
        require(present(customer), "msisdn or channelUserId is required");
        notInFuture(in.getTimestamp(), nowMs);
        return ConversationEvent.newBuilder().setKind(INBOUND).setProvider(Provider.EIGHT_BY_EIGHT.name()).setAccount(in.getSubAccountId())
                .setCustomer(customer).setAt(in.getTimestamp()).setMessageId(in.getUmid()).setChannel(in.getChannel()).build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent nxCloud(NxCloudInbound in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getMessageId()), "messageId is required");
        require(present(in.getBusinessPhone()), "businessPhone is required");
        String customer = present(in.getWaId()) ? in.getWaId() : in.getUserId();
        require(present(customer), "waId or userId is required");
        notInFuture(in.getTimestamp(), nowMs);
        return ConversationEvent.newBuilder().setKind(INBOUND).setProvider(Provider.NXCLOUD.name()).setAccount(in.getBusinessPhone())
                .setCustomer(customer).setAt(in.getTimestamp()).setMessageId(in.getMessageId()).setChannel("whatsapp")
                .setAppId(in.getAppId()).build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent activity(ConversationActivity in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getAccount()), "account is required");
        require(in.getProvider() != Provider.EIGHT_BY_EIGHT || EightByEight.validSubAccountId(in.getAccount()),
                "account (8x8 subAccountId) '" + in.getAccount() + "' does not match " + EightByEight.SUB_ACCOUNT_ID.pattern());
        require(present(in.getCustomer()), "customer is required");
        notInFuture(in.getOccurredAt(), nowMs);
        return ConversationEvent.newBuilder().setKind(ACTIVITY).setProvider(in.getProvider().name()).setAccount(in.getAccount())
                .setCustomer(in.getCustomer()).setAt(in.getOccurredAt()).setActivity(in.getKind().name()).build();
    }

    /** @return the key of a conversation: {@code provider:account:customer} */
    public static String conversationKey(ConversationEvent e) {
        return e.getProvider() + ":" + e.getAccount() + ":" + e.getCustomer();
    }

    private void notInFuture(Instant at, long nowMs) {
        require(at != null, "timestamp is required");
        require(at.toEpochMilli() <= nowMs + clockSkew.toMillis(),
                "timestamp " + at + " is more than " + clockSkew + " in the future");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new InvalidRecordException(reason);
        }
    }
}
