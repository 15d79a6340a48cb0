package io.chatsignals.worker.dispatch;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.worker.provider.ProviderResult;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;

/**
 * One command on its way through the dispatcher, with where it came from (for the offset commit) and its attempts so
 * far. Mutated only on the dispatcher's thread.
 */
public final class Job {
    final ChatCommand command;
    final TopicPartition partition;
    final long offset;
    final String lane;
    final String conversation;
    int attempts;
    boolean resigned;
    Instant firstAttemptAt;
    long notBeforeNanos;
    ProviderResult last;
    boolean released;
    long requestTimeoutMs;

    public Job(ChatCommand command, TopicPartition partition, long offset) {
        this.command = command;
        this.partition = partition;
        this.offset = offset;
        this.lane = command.getProvider() + ":" + command.getAccount();
        this.conversation = lane + ":" + command.getCustomer();
    }

    public ChatCommand command() {
        return command;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** @return the lane: {@code provider:account} (the account's share of the buffer and its rate limits) */
    public String lane() {
        return lane;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    public ProviderResult last() {
        return last;
    }

    /** @return the timeout of the current attempt, ms: the configured one, capped at the time left to notAfter */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** @return the rate-limit key of its provider call: {@code provider:account:operation} */
    String limitKey() {
        return lane + ":" + command.getAction();
    }
}
