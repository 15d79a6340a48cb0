package io.chatsignals.streams.topology;

import io.chatsignals.contract.Schemas;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topic names of the decision topology (defaults from docs/design.md; every one configurable).
 *
 * @param inbound    source name ({@link InboundSource#name()}) → the topic it reads; a source without an entry is not
 *                   read (an opt-in source left unset)
 * @param commands   output commands ({@code ChatCommand}, key {@code provider:account})
 * @param inboundDlq dead-letter queue of undecodable or invalid input records
 * @param policies   the business policies ({@code BusinessPolicy}, compacted, key {@code provider:account})
 */
public record Topics(Map<String, String> inbound, String commands, String inboundDlq, String policies) {
    public Topics {
        inbound = Map.copyOf(inbound);
    }

    /** The docs/design.md names, every source included (opt-in ones too). */
    public static Topics defaults() {
        Map<String, String> inbound = new LinkedHashMap<>();
        InboundSources.ALL.forEach(s -> inbound.put(s.name(), s.topic()));
        return new Topics(inbound, Schemas.Topics.COMMANDS, Schemas.Topics.INBOUND_DLQ, Schemas.Topics.POLICIES);
    }

    /** @return the topic of a source, or null when it is not read */
    public String inbound(String source) {
        return inbound.get(source);
    }
}
