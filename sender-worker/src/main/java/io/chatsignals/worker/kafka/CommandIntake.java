package io.chatsignals.worker.kafka;

import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.RegistryRequestException;
import io.chatsignals.serde.RegistryUnavailableException;
import io.chatsignals.worker.provider.IdRules;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes and validates one command record; what cannot be run is given a DLQ reason instead. Every value that becomes
 * a URL path segment is checked again here, whatever the producer checked: the account and the message id by the
 * provider's id rules ({@link io.chatsignals.providers.ProviderSpec}: never a dot segment), so that no request can
 * reach a path other than the documented ones. A valid command is normalised: channel in lower case, and a command
 * without the {@code appId} its provider needs for its action takes the one configured for its account
 * ({@link AppKeys}). Record
 * values in a reason are escaped ({@link LogSafe}).
 */
public final class CommandIntake {
    /**
     * A decoded, valid command; or the reason it goes to the DLQ; or, with {@code retry}, a transient failure (the
     * registry unreachable, answering 5xx, 429 or refusing our credentials): not the record's fault, so it is fetched
     * and decoded again later and never sent to the DLQ.
     */
    public record Decoded(ChatCommand command, String rejection, boolean retry) {
        Decoded(ChatCommand command, String rejection) {
            this(command, rejection, false);
        }
    }

    private final KafkaAvroDeserializer<ChatCommand> deserializer;
    private final AppKeys appKeys;

    /** @param appKeys configured app keys, for commands whose action needs one and that carry none */
    public CommandIntake(KafkaAvroDeserializer<ChatCommand> deserializer, AppKeys appKeys) {
        this.deserializer = deserializer;
        this.appKeys = appKeys;
    }

    public Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        ChatCommand command;
        try {
            command = deserializer.deserialize(record.topic(), record.value());
        } catch (RegistryUnavailableException | RegistryRequestException e) {
            return new Decoded(null, "registry: " + LogSafe.escape(e.getMessage()), true);
        } catch (SerializationException e) {
            return new Decoded(null, "undecodable: " + LogSafe.escape(e.getMessage()));
        }
        if (command == null) {
            return new Decoded(null, "invalid: empty record (null value)");
        }
        String problem = problem(command);
        if (problem != null) {
            return new Decoded(null, "invalid: " + problem);
        }
        command.setChannel(command.getChannel().toLowerCase(Locale.ROOT));
        if (ProviderSpecs.of(command.getProvider()).needsAppKey(command.getAction())) {
            command.setAppId(appKeys.resolve(command.getProvider(), command.getAppId(), command.getAccount())
                    .orElse(null));
        }
        return new Decoded(command, null);
    }

    private static String problem(ChatCommand c) {
        if (blank(c.getCommandId())) {
            return "commandId is required";
        }
        if (blank(c.getAccount()) || blank(c.getCustomer()) || blank(c.getMessageId()) || blank(c.getChannel())) {
            return "account, customer, messageId and channel are required";
        }
        if (c.getProvider() == Provider.UNKNOWN || c.getAction() == CommandAction.UNKNOWN) {
            return "provider " + c.getProvider() + ", action " + c.getAction()
                    + ": written by a newer producer than this worker knows";
        }
        return IdRules.problem(c.getProvider(), c.getAccount(), c.getCustomer(), c.getMessageId())
                .orElse(null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
