package io.chatsignals.worker.complete;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.provider.ProviderResult;
import java.time.Instant;

/**
 * A finished job as the {@link CommandStatus} users read (docs/configuration.md, "Topics and schemas"): the command's identity, the
 * outcome, attempts and times; for FAILED the provider's last answer (HTTP status, code, message, error id); for
 * EXPIRED the reason it was never sent.
 */
public final class CommandStatuses {
    /** The error message of an EXPIRED command: its notAfter passed while it waited (token, 429 pause, backoff). */
    public static final String EXPIRED_MESSAGE = "notAfter passed before sending";

    private CommandStatuses() {}

    /**
     * @param completedAt when the status is made (the status's {@code completedAt})
     * @param details     the enrichment's message details, or null
     */
    public static CommandStatus of(
            Job<?> job, Outcome outcome, Enrichment enrichment, MessageDetails details, Instant completedAt) {
        ChatCommand c = job.command();
        ProviderResult last = job.last();
        boolean failed = outcome == Outcome.FAILED && last != null;
        return CommandStatus.newBuilder()
                .setCommandId(c.getCommandId())
                .setAction(c.getAction())
                .setProvider(c.getProvider())
                .setAccount(c.getAccount())
                .setChannel(c.getChannel())
                .setCustomer(c.getCustomer())
                .setMessageId(c.getMessageId())
                .setInboundAt(c.getInboundAt())
                .setDecidedAt(c.getDecidedAt())
                .setOutcome(outcome)
                .setAttempts(job.attempts())
                .setHttpStatus(last == null ? null : last.httpStatus())
                .setErrorCode(failed ? last.code() : null)
                .setErrorMessage(failed ? last.message() : outcome == Outcome.EXPIRED ? EXPIRED_MESSAGE : null)
                .setErrorId(failed ? last.errorId() : null)
                .setFirstAttemptAt(job.firstAttemptAt())
                .setCompletedAt(completedAt)
                .setEnrichment(enrichment)
                .setDetails(details)
                .setDecidedBy(c.getDecidedBy()) // the policy that decided it, for an auditor (docs/policies.md)
                .build();
    }
}
