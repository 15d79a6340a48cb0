package io.chatsignals.streams.topology;

import io.chatsignals.contract.Schemas;

/**
 * Topic names of the decision topology (defaults from docs/design.md; every one configurable).
 *
 * @param inbound8x8    8x8 inbound messages ({@code EightByEightInbound})
 * @param inboundNxCloud NXCloud inbound messages ({@code NxCloudInbound})
 * @param inboundHuaweiCase Huawei case messages written by the source connector ({@code HuaweiCaseInbound}); null: the
 *                      topology has no Huawei source (the app's default, so that deployments without the connector
 *                      need no such topic)
 * @param activity      agent activity ({@code ConversationActivity})
 * @param commands      output commands ({@code ChatCommand}, key {@code provider:account})
 * @param inboundDlq    dead-letter queue of undecodable or invalid input records
 */
public record Topics(
        String inbound8x8,
        String inboundNxCloud,
        String inboundHuaweiCase,
        String activity,
        String commands,
        String inboundDlq) {

    /** The docs/design.md names. */
    public static Topics defaults() {
        return new Topics(
                Schemas.Topics.INBOUND_8X8,
                Schemas.Topics.INBOUND_NXCLOUD,
                Schemas.Topics.INBOUND_HUAWEI_CASE,
                Schemas.Topics.ACTIVITY,
                Schemas.Topics.COMMANDS,
                Schemas.Topics.INBOUND_DLQ);
    }
}
