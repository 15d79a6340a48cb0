package io.chatsignals.worker.kafka;

import io.chatsignals.providers.EightByEight;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Decodes and validates one command record; what cannot be run is given a DLQ reason instead. */
public final class CommandIntake {
    /** A decoded, valid command, or the reason it goes to the DLQ. */
    public record Decoded(ChatCommand command, String rejection) {
    }

    private final KafkaAvroDeserializer<ChatCommand> deserializer;

    public CommandIntake(KafkaAvroDeserializer<ChatCommand> deserializer) {
        this.deserializer = deserializer;
    }

    public Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        ChatCommand command;
        try {
            command = deserializer.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            return new Decoded(null, "undecodable: " + e.getMessage());
        }
        if (command == null) {
            return new Decoded(null, "invalid: empty record (null value)");
        }
        String problem = problem(command);
        return problem == null ? new Decoded(command, null) : new Decoded(null, "invalid: " + problem);
    }

    private static String problem(ChatCommand c) {
        if (blank(c.getCommandId())) {
            return "commandId is required";
        }
        if (blank(c.getAccount()) || blank(c.getCustomer()) || blank(c.getMessageId()) || blank(c.getChannel())) {
            return "account, customer, messageId and channel are required";
        }
        if (c.getProvider() == Provider.EIGHT_BY_EIGHT && !EightByEight.validSubAccountId(c.getAccount())) {
            return "account (8x8 subAccountId) '" + c.getAccount() + "' does not match " + EightByEight.SUB_ACCOUNT_ID.pattern();
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
