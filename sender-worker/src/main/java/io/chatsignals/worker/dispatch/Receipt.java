package io.chatsignals.worker.dispatch;

/**
 * Where a job came from, opaque to the dispatcher: the intake that made the job reads it back when the job ends (the
 * worker's: a Kafka partition and offset, acknowledged by the offset commit). Jobs of one {@link #source()} are dropped
 * or released together when the source goes away (a partition revoked).
 */
public interface Receipt {
    /** @return the source the job is released with (equal for every job of one source) */
    Object source();
}
