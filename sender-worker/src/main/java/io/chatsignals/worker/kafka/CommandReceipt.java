package io.chatsignals.worker.kafka;

import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.dispatch.Receipt;
import org.apache.kafka.common.TopicPartition;

/**
 * The receipt of a command read from {@code chat.commands.v1}: its partition (the source released on revocation) and
 * offset (finished in the {@link OffsetTracker} once its status is acknowledged).
 */
public record CommandReceipt(TopicPartition partition, long offset) implements Receipt {
    @Override
    public Object source() {
        return partition;
    }

    /**
     * @return the receipt of a job the command consumer made
     * @throws IllegalArgumentException for a job made elsewhere (a programming error)
     */
    public static CommandReceipt of(Job job) {
        if (job.receipt() instanceof CommandReceipt receipt) {
            return receipt;
        }
        throw new IllegalArgumentException(
                "job " + job.command().getCommandId() + " has no command receipt: " + job.receipt());
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
