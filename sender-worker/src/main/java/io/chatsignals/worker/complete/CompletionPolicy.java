package io.chatsignals.worker.complete;

import io.chatsignals.ops.Tracing;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.dispatch.JobCompletion;
import io.chatsignals.worker.dispatch.JobTracing;
import io.chatsignals.worker.dispatch.Origin;
import io.chatsignals.worker.enrich.Enricher;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.util.Map;

/**
 * What happens once a job has its outcome (docs/design.md, execution rule 7): exactly one status per command, made by
 * {@link CommandStatuses} and handed to the {@link StatusSink} after the message-details lookup of a success of a
 * provider with message details ({@code ENRICHED}, {@code SKIPPED} when the lookup's budget ran out or
 * enrichment is off, {@code LOOKUP_FAILED}); every other outcome and provider: {@code NOT_APPLICABLE}.
 *
 * @param <O> where jobs come from (the sink acknowledges it)
 */
public final class CompletionPolicy<O extends Origin> implements JobCompletion<O> {
    private final Map<Provider, Enricher> enrichers;
    private final StatusSink<O> sink;
    private final Clock clock;

    /**
     * @param enrichers the details lookups of each provider that has them; empty when enrichment is off
     *                  ({@code enrich.enabled=false})
     * @param clock    the clock of each status's {@code completedAt}
     */
    private final JobTracing tracing;

    public CompletionPolicy(Map<Provider, Enricher> enrichers, StatusSink<O> sink, Clock clock) {
        this.enrichers = Map.copyOf(enrichers);
        this.sink = sink;
        this.clock = clock;
        this.tracing = new JobTracing(Tracing.current("io.chatsignals.worker"));
    }

    /** Publishes the job's status, after its enrichment where one applies; returns at once. */
    @Override
    public void complete(Job<O> job, Outcome outcome) {
        ChatCommand c = job.command();
        boolean enrichable = outcome == Outcome.SUCCEEDED
                && ProviderSpecs.of(c.getProvider()).hasMessageDetails();
        if (!enrichable) {
            publish(job, outcome, Enrichment.NOT_APPLICABLE, null);
            return;
        }
        Enricher enricher = enrichers.get(c.getProvider());
        if (enricher == null) {
            publish(job, outcome, Enrichment.SKIPPED, null);
        } else {
            Span lookup = tracing.lookup(job);
            enricher.enrich(c.getAccount(), c.getMessageId()).onComplete(ar -> {
                Enricher.Result r = ar.succeeded() ? ar.result() : new Enricher.Result(Enrichment.LOOKUP_FAILED, null);
                lookup.setAttribute("chatsignals.enrichment", r.enrichment().name());
                lookup.end();
                publish(job, outcome, r.enrichment(), r.details());
            });
        }
    }

    private void publish(Job<O> job, Outcome outcome, Enrichment enrichment, MessageDetails details) {
        sink.publish(job, CommandStatuses.of(job, outcome, enrichment, details, clock.instant()));
    }
}
