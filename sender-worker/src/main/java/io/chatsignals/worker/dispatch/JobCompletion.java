package io.chatsignals.worker.dispatch;

import io.chatsignals.schema.Outcome;

/** Where a job goes once it has its outcome (the worker's: {@link io.chatsignals.worker.complete.CompletionPolicy}). */
@FunctionalInterface
public interface JobCompletion<O extends Origin> {
    /** Called once per job that was not released, on the dispatcher's context; must return at once. */
    void complete(Job<O> job, Outcome outcome);
}
