package io.chatsignals.worker.complete;

import io.chatsignals.schema.CommandStatus;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.dispatch.Origin;

/** Where a finished job's status goes (the worker's: {@link io.chatsignals.worker.kafka.StatusPublisher}). */
public interface StatusSink<O extends Origin> {
    /**
     * Publishes the status of a finished job and acknowledges its origin once durable, unless the origin was released
     * meanwhile (its next owner repeats the command). Returns at once.
     */
    void publish(Job<O> job, CommandStatus status);
}
