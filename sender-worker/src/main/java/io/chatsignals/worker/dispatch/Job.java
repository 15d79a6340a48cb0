package io.chatsignals.worker.dispatch;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.provider.ProviderResult;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;

/**
 * One command on its way through the dispatcher, with where it came from (its {@link Origin}, read back typed by the
 * intake when the job ends) and its attempts so far. Mutated only on the dispatcher's thread.
 *
 * @param <O> the intake's origin type
 */
public final class Job<O extends Origin> {
    final ChatCommand command;
    final O origin;
    final String lane;
    final String conversation;
    final LimitKey limitKey;
    int attempts;
    boolean resigned;
    Instant firstAttemptAt;
    long notBeforeNanos;
    ProviderResult last;
    boolean released;
    long requestTimeoutMs;
    Span span = Span.getInvalid();
    Span attemptSpan = Span.getInvalid();

    public Job(ChatCommand command, O origin) {
        this.command = command;
        this.origin = origin;
        this.lane = Keys.command(command.getProvider(), command.getAccount());
        this.conversation = Keys.conversation(command.getProvider(), command.getAccount(), command.getCustomer());
        this.limitKey = LimitKey.of(command);
    }

    public ChatCommand command() {
        return command;
    }

    /** @return where the job came from, as its intake gave it */
    public O origin() {
        return origin;
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

    /** Gives the job its process span ({@link JobTracing#process}). */
    public void traced(Span span) {
        this.span = span;
    }

    /** @return the rate-limit key of its provider call */
    LimitKey limitKey() {
        return limitKey;
    }
}
