package io.chatsignals.contract;

import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.GoogleRbmInbound;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.InfobipInbound;
import io.chatsignals.schema.MessengerInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.TwilioInbound;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.serde.Subjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The public contract in one place (docs/design.md, "Topics"): the default topic names, and the value schema each Avro
 * topic carries under Confluent's TopicNameStrategy ({@code <topic>-value}). Keys are plain UTF-8 strings, not Avro.
 */
public final class Schemas {
    private Schemas() {}

    /** Default topic names (every app lets them be configured). */
    public static final class Topics {
        public static final String INBOUND_8X8 = "chat.inbound.8x8.v1";
        public static final String INBOUND_NXCLOUD = "chat.inbound.nxcloud.v1";
        /** Written by the Huawei case source connector (key: the case id). */
        public static final String INBOUND_HUAWEI_CASE = "chat.inbound.huawei-case.v1";
        /** Meta's WhatsApp Cloud API webhooks (and BSPs that forward them unchanged, such as 360dialog). */
        public static final String INBOUND_WHATSAPP_CLOUD = "chat.inbound.whatsapp-cloud.v1";
        /** Infobip's WhatsApp inbound-message webhooks. */
        public static final String INBOUND_INFOBIP = "chat.inbound.infobip.v1";
        /** Messenger's and Instagram's webhooks (Meta's Messenger Platform). */
        public static final String INBOUND_MESSENGER = "chat.inbound.messenger.v1";
        /** Twilio's incoming-message webhooks (WhatsApp, RCS). */
        public static final String INBOUND_TWILIO = "chat.inbound.twilio.v1";
        /** Google RCS Business Messaging's webhooks. */
        public static final String INBOUND_GOOGLE_RBM = "chat.inbound.google-rbm.v1";

        public static final String ACTIVITY = "chat.conversation-activity.v1";
        public static final String COMMANDS = "chat.commands.v1";
        public static final String STATUS = "chat.command-status.v1";
        /** Undecodable or invalid inbound and activity records (Kafka Streams' DLQ headers {@code __streams.errors.*}). */
        public static final String INBOUND_DLQ = "chat.inbound.dlq.v1";
        /** Undecodable or invalid commands (headers {@code chatsignals.dlq.*}). */
        public static final String COMMANDS_DLQ = "chat.commands.dlq.v1";
        /** Business policies ({@code BusinessPolicy}, compacted, key {@code <provider>:<account>}). */
        public static final String POLICIES = "chat.policies.v1";
        /** Every topic of the pipeline, in flow order. */
        public static final List<String> ALL = List.of(
                INBOUND_8X8,
                INBOUND_NXCLOUD,
                INBOUND_HUAWEI_CASE,
                INBOUND_WHATSAPP_CLOUD,
                INBOUND_INFOBIP,
                INBOUND_MESSENGER,
                INBOUND_TWILIO,
                INBOUND_GOOGLE_RBM,
                ACTIVITY,
                COMMANDS,
                STATUS,
                INBOUND_DLQ,
                COMMANDS_DLQ,
                POLICIES);

        private Topics() {}

        /** @return the topic settings a topic needs beyond the cluster's defaults: the policies are compacted */
        public static Map<String, String> config(String topic) {
            return topic.equals(POLICIES) ? Map.of("cleanup.policy", "compact") : Map.of();
        }
    }

    /** Record keys of the contract's topics: UTF-8 strings (docs/design.md, "Topics"). */
    public static final class Keys {
        private Keys() {}

        /**
         * @return the key of {@code chat.commands.v1}: {@code <provider>:<account>}, so an account's commands share a
         *         partition (the worker's lane and its rate limits)
         */
        public static String command(Provider provider, String account) {
            return provider.name() + ":" + account;
        }

        /**
         * @return the key of a conversation, of {@code chat.command-status.v1} and of {@code chat.conversation-activity.v1}:
         *         {@code <provider>:<account>:<customer>}
         */
        public static String conversation(Provider provider, String account, String customer) {
            return command(provider, account) + ":" + customer;
        }
    }

    /** @return the value schema of each Avro topic (DLQs hold the failed records' own bytes and have none), in flow order */
    public static Map<String, Schema> valueSchemas() {
        Map<String, Schema> out = new LinkedHashMap<>();
        out.put(Topics.INBOUND_8X8, EightByEightInbound.getClassSchema());
        out.put(Topics.INBOUND_NXCLOUD, NxCloudInbound.getClassSchema());
        out.put(Topics.INBOUND_HUAWEI_CASE, HuaweiCaseInbound.getClassSchema());
        out.put(Topics.INBOUND_WHATSAPP_CLOUD, WhatsAppCloudInbound.getClassSchema());
        out.put(Topics.INBOUND_INFOBIP, InfobipInbound.getClassSchema());
        out.put(Topics.INBOUND_MESSENGER, MessengerInbound.getClassSchema());
        out.put(Topics.INBOUND_TWILIO, TwilioInbound.getClassSchema());
        out.put(Topics.INBOUND_GOOGLE_RBM, GoogleRbmInbound.getClassSchema());
        out.put(Topics.ACTIVITY, ConversationActivity.getClassSchema());
        out.put(Topics.COMMANDS, ChatCommand.getClassSchema());
        out.put(Topics.STATUS, CommandStatus.getClassSchema());
        out.put(Topics.POLICIES, BusinessPolicy.getClassSchema());
        return out;
    }

    /** @return the value subject of a topic ({@code <topic>-value}) */
    public static String valueSubject(String topic) {
        return Subjects.of(topic, false);
    }
}
