package io.chatsignals.worker.complete;

import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.enrich.Enricher;
import io.chatsignals.worker.kafka.StatusPublisher;

/**
 * What happens once a job has its outcome (docs/design.md, execution rule 7): exactly one status per command, published
 * after the message-details lookup of an 8x8 success ({@code ENRICHED}, {@code SKIPPED} when the lookup's budget ran
 * out or enrichment is off, {@code LOOKUP_FAILED}); every other outcome and provider: {@code NOT_APPLICABLE}.
 */
public final class CompletionPolicy {
    private final Enricher enricher;
    private final StatusPublisher publisher;

    /**
     * @param enricher the 8x8 details lookups, or null when enrichment is off ({@code enrich.enabled=false})
     */
    public CompletionPolicy(Enricher enricher, StatusPublisher publisher) {
        this.enricher = enricher;
        this.publisher = publisher;
    }

    /** Publishes the job's status, after its enrichment where one applies; returns at once. */
    public void complete(Job job, Outcome outcome) {
        ChatCommand c = job.command();
        boolean enrichable = outcome == Outcome.SUCCEEDED
                && ProviderSpecs.of(c.getProvider()).hasMessageDetails();
        if (!enrichable) {
            publisher.publish(job, outcome, Enrichment.NOT_APPLICABLE, null);
        } else if (enricher == null) {
            publisher.publish(job, outcome, Enrichment.SKIPPED, null);
        } else {
            enricher.enrich(c.getAccount(), c.getMessageId()).onComplete(ar -> {
                Enricher.Result r = ar.succeeded() ? ar.result() : new Enricher.Result(Enrichment.LOOKUP_FAILED, null);
                publisher.publish(job, outcome, r.enrichment(), r.details());
            });
        }
    }
}
