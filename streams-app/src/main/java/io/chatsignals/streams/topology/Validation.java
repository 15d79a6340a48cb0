package io.chatsignals.streams.topology;

import io.chatsignals.contract.Customers;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.providers.NxCloudAppKeys;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.streams.errors.InvalidRecordException;
import io.chatsignals.streams.state.ConversationEvent;
import io.chatsignals.streams.state.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Validates input records and turns them into {@link ConversationEvent}s (docs/design.md, decision rule 1, identity rules): required
 * fields, each provider's id rules ({@link ProviderSpec#accountProblem} and the like: ids become URL path segments, so
 * nothing else may pass), event times not beyond the clock-skew allowance. Customer: 8x8 msisdn, else channelUserId; NXCloud
 * waId (when not empty), else userId. Channels are carried in lower case ({@code WhatsApp} → {@code whatsapp}). An
 * NXCloud message without {@code app_id} takes the configured appkey of its business phone ({@link NxCloudAppKeys}).
 * Huawei case messages: account = the IAM domain, customer = the case id (a path segment of the mark-read call, so
 * {@link HuaweiCase#validCaseId} only), channel {@value HuaweiCase#CHANNEL}. WhatsApp Cloud API messages: account = the
 * phone number id (digits: a path segment), customer = the group id for a group message (the group is the
 * conversation), else the sender's wa_id; channel whatsapp. UNKNOWN enum symbols (written by a newer producer than
 * this app) are invalid.
 * Record values quoted in a reason are escaped ({@link LogSafe}): a reason is logged and becomes a DLQ header.
 */
public final class Validation {
    private final Duration clockSkew;
    private final NxCloudAppKeys appKeys;

    /**
     * @param clockSkew how far in the future an event time may lie
     * @param appKeys   configured NXCloud appkeys, for records without {@code app_id}
     */
    public Validation(Duration clockSkew, NxCloudAppKeys appKeys) {
        this.clockSkew = clockSkew;
        this.appKeys = appKeys;
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent eightByEight(EightByEightInbound in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getUmid()), "umid is required");
        ProviderSpec spec = ProviderSpecs.of(Provider.EIGHT_BY_EIGHT);
        ids("umid", in.getUmid(), spec.messageIdProblem(in.getUmid()));
        ids("subAccountId", in.getSubAccountId(), spec.accountProblem(in.getSubAccountId()));
        require(present(in.getChannel()), "channel is required");
        String customer = Customers.of(in);
        require(customer != null, "msisdn or channelUserId is required");
        notInFuture(in.getTimestamp(), nowMs);
        return ConversationEvent.newBuilder()
                .setKind(EventKind.INBOUND)
                .setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount(in.getSubAccountId())
                .setCustomer(customer)
                .setAt(in.getTimestamp())
                .setMessageId(in.getUmid())
                .setChannel(in.getChannel().toLowerCase(Locale.ROOT))
                .build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent nxCloud(NxCloudInbound in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getMessageId()), "messageId is required");
        require(present(in.getBusinessPhone()), "businessPhone is required");
        String customer = Customers.of(in);
        require(customer != null, "waId or userId is required");
        notInFuture(in.getTimestamp(), nowMs);
        return ConversationEvent.newBuilder()
                .setKind(EventKind.INBOUND)
                .setProvider(Provider.NXCLOUD)
                .setAccount(in.getBusinessPhone())
                .setCustomer(customer)
                .setAt(in.getTimestamp())
                .setMessageId(in.getMessageId())
                .setChannel("whatsapp")
                .setAppId(appKeys.resolve(in.getAppId(), in.getBusinessPhone()).orElse(null))
                .build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent huaweiCase(HuaweiCaseInbound in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getMessageId()), "messageId is required");
        require(present(in.getAccount()), "account is required");
        ids("caseId", in.getCaseId(), ProviderSpecs.of(Provider.HUAWEI_CASE).customerProblem(in.getCaseId()));
        require(
                in.getGroupId() == null || in.getGroupId().length() <= HuaweiCase.GROUP_ID_MAX,
                "groupId is longer than " + HuaweiCase.GROUP_ID_MAX + " characters");
        notInFuture(in.getCreatedAt(), nowMs);
        return ConversationEvent.newBuilder()
                .setKind(EventKind.INBOUND)
                .setProvider(Provider.HUAWEI_CASE)
                .setAccount(in.getAccount())
                .setCustomer(in.getCaseId())
                .setAt(in.getCreatedAt())
                .setMessageId(in.getMessageId())
                .setChannel(HuaweiCase.CHANNEL)
                .setGroupId(in.getGroupId())
                .build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent whatsAppCloud(WhatsAppCloudInbound in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(present(in.getMessageId()), "messageId is required");
        ids(
                "phoneNumberId",
                in.getPhoneNumberId(),
                ProviderSpecs.of(Provider.WHATSAPP_CLOUD).accountProblem(in.getPhoneNumberId()));
        require(present(in.getWaId()), "waId is required");
        notInFuture(in.getTimestamp(), nowMs);
        String group = present(in.getGroupId()) ? in.getGroupId() : null;
        return ConversationEvent.newBuilder()
                .setKind(EventKind.INBOUND)
                .setProvider(Provider.WHATSAPP_CLOUD)
                .setAccount(in.getPhoneNumberId())
                .setCustomer(Customers.of(in))
                .setAt(in.getTimestamp())
                .setMessageId(in.getMessageId())
                .setChannel("whatsapp")
                .setGroupId(group)
                .build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent activity(ConversationActivity in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(in.getProvider() != Provider.UNKNOWN, "provider UNKNOWN (a provider this version does not know)");
        require(in.getKind() != ActivityKind.UNKNOWN, "kind UNKNOWN (an activity this version does not know)");
        require(present(in.getAccount()), "account is required");
        require(present(in.getCustomer()), "customer is required");
        ProviderSpec spec = ProviderSpecs.of(in.getProvider());
        ids("account", in.getAccount(), spec.accountProblem(in.getAccount()));
        ids("customer", in.getCustomer(), spec.customerProblem(in.getCustomer()));
        notInFuture(in.getOccurredAt(), nowMs);
        return ConversationEvent.newBuilder()
                .setKind(EventKind.ACTIVITY)
                .setProvider(in.getProvider())
                .setAccount(in.getAccount())
                .setCustomer(in.getCustomer())
                .setAt(in.getOccurredAt())
                .setActivity(in.getKind())
                .build();
    }

    /** @return the key of a conversation: {@code provider:account:customer} */
    public static String conversationKey(ConversationEvent e) {
        return Keys.conversation(e.getProvider(), e.getAccount(), e.getCustomer());
    }

    private void notInFuture(Instant at, long nowMs) {
        require(at != null, "timestamp is required");
        require(
                at.toEpochMilli() <= nowMs + clockSkew.toMillis(),
                () -> "timestamp " + at + " is more than " + clockSkew + " in the future");
    }

    /** Fails with {@code <field> '<value>' <problem>} when the provider's rule found a problem with the id. */
    private static void ids(String field, String value, Optional<String> problem) {
        if (problem.isPresent()) {
            throw new InvalidRecordException(field + " " + LogSafe.quote(value) + " " + problem.get());
        }
    }

    private static boolean present(String s) {
        return Customers.present(s);
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new InvalidRecordException(reason);
        }
    }

    /** As {@link #require(boolean, String)}, with a reason built only when the rule is broken (hot path). */
    private static void require(boolean ok, Supplier<String> reason) {
        if (!ok) {
            throw new InvalidRecordException(reason.get());
        }
    }
}
