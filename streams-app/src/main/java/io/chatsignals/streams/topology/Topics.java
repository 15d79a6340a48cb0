package io.chatsignals.streams.topology;

/**
 * Topic names of the decision topology (defaults from DESIGN.md; every one configurable).
 *
 * @param inbound8x8    8x8 inbound messages ({@code EightByEightInbound})
 * @param inboundNxCloud NXCloud inbound messages ({@code NxCloudInbound})
 * @param activity      agent activity ({@code ConversationActivity})
 * @param commands      output commands ({@code ChatCommand}, key {@code provider:account})
 * @param inboundDlq    dead-letter queue of undecodable or invalid input records
 */
public record Topics(String inbound8x8, String inboundNxCloud, String activity, String commands, String inboundDlq) {

    /** The DESIGN.md names. */
    public static Topics defaults() {
        return new Topics("chat.inbound.8x8.v1", "chat.inbound.nxcloud.v1", "chat.conversation-activity.v1", "chat.commands.v1",
                "chat.inbound.dlq.v1");
    }
}
