package io.chatsignals.devstack.run.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.traffic.TrafficGenerator;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.webhooks.Samples;
import io.chatsignals.webhooks.WebhookMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Real-format provider webhooks (the samples of {@code webhooks}, with fresh message ids) and their publication as
 * the ingress does it: mapped by {@link WebhookMapper}, keyed by message id, the message registered with the
 * simulator so that 8x8's message-details look-up finds it.
 */
public final class InboundMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InboundMessages() {}

    /** @return an 8x8 inbound webhook; a customer starting with + is a phone number, anything else a channel user id */
    public static String eightByEight(String account, String customer, String channel, Instant at) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Samples.read("8x8-inbound-whatsapp-text.json"));
        ObjectNode p = (ObjectNode) root.get("payload");
        p.put("umid", UUID.randomUUID().toString()).put("subAccountId", account).put("timestamp", at.toString());
        ObjectNode user = (ObjectNode) p.get("user");
        if (customer.startsWith("+")) {
            user.put("msisdn", customer).put("channelUserId", customer.substring(1));
        } else {
            user.remove("msisdn");
            user.put("channelUserId", customer);
        }
        ((ObjectNode) p.get("recipient")).put("channel", channel);
        return root.toString();
    }

    /** @return an NXCloud inbound webhook (event time in whole seconds, as NXCloud sends it) */
    public static String nxCloud(String phone, String waId, Instant at) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Samples.read("nxcloud-inbound-text.json"));
        root.put("business_phone", phone);
        ((ObjectNode) root.get("contacts").get(0)).put("wa_id", waId);
        ((ObjectNode) root.get("messages").get(0))
                .put("from", waId)
                .put("id", "wamid." + UUID.randomUUID())
                .put("timestamp", Long.toString(at.getEpochSecond()));
        return root.toString();
    }

    /**
     * @param senders the wa_id of each message, in order: one webhook with that many messages of the same second
     * @param groupId the group the messages were written in, or null for a one-to-one conversation
     * @return a WhatsApp Cloud API webhook (timestamps in whole seconds, as Meta sends them)
     */
    public static String whatsAppCloud(String phoneNumberId, List<String> senders, String groupId, Instant at)
            throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Samples.read("whatsapp-cloud-inbound-text.json"));
        ObjectNode value = (ObjectNode) root.at("/entry/0/changes/0/value");
        ((ObjectNode) value.get("metadata")).put("phone_number_id", phoneNumberId);
        ((ObjectNode) value.get("contacts").get(0)).put("wa_id", senders.get(0));
        ArrayNode messages = (ArrayNode) value.get("messages");
        ObjectNode template = (ObjectNode) messages.get(0);
        messages.removeAll();
        for (String sender : senders) {
            ObjectNode m = template.deepCopy()
                    .put("from", sender)
                    .put("id", "wamid." + UUID.randomUUID())
                    .put("timestamp", Long.toString(at.getEpochSecond()));
            if (groupId != null) {
                m.put("group_id", groupId);
            }
            messages.add(m);
        }
        return root.toString();
    }

    /** @return the wamids of a Cloud API webhook, in order */
    public static List<String> wamids(String json) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : JSON.readTree(json).at("/entry/0/changes/0/value/messages")) {
            ids.add(m.path("id").asText());
        }
        return ids;
    }

    /**
     * Publishes the webhook's records to their inbound topics, keyed by conversation as ingress writes them (messages
     * of one second keep their order); returns the sends' acknowledgements.
     */
    public static List<Future<RecordMetadata>> publish(
            Stack stack, KafkaProducer<String, SpecificRecord> producer, String json) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (SpecificRecord r : WebhookMapper.map(json)) {
            if (r instanceof EightByEightInbound m) {
                stack.simulator().messages().register(TrafficGenerator.delivered(m, 2));
            } else if (r instanceof WhatsAppCloudInbound m) {
                stack.simulator().messages().register(TrafficGenerator.delivered(m));
            } else {
                stack.simulator().messages().register(TrafficGenerator.delivered((NxCloudInbound) r));
            }
            acks.add(producer.send(
                    new ProducerRecord<>(ProviderSpecs.defaultTopic(r), ProviderSpecs.conversationKey(r), r)));
        }
        return acks;
    }

    /** @return the message id of an 8x8 webhook (its umid) */
    public static String umid(String json) throws Exception {
        return JSON.readTree(json).at("/payload/umid").asText();
    }

    /** @return the message id of an NXCloud webhook */
    public static String nxId(String json) throws Exception {
        return JSON.readTree(json).at("/messages/0/id").asText();
    }
}
