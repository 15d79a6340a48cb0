package io.chatsignals.worker.dispatch;

/**
 * Where a job came from (the worker's: a Kafka partition and offset, acknowledged by the offset commit). The dispatcher
 * only groups by {@link #source()}: jobs of one source are dropped or released together when the source goes away (a
 * partition revoked); the intake that made the job reads the rest back, typed, from {@link Job#origin()}.
 */
public interface Origin {
    /** @return the source the job is released with (equal for every job of one source) */
    Object source();
}
