package io.chatsignals.worker.dispatch;

import io.chatsignals.worker.provider.ProviderResult;
import io.vertx.core.Future;

/** The dispatcher's way out to the providers: one call for a job's current attempt. */
@FunctionalInterface
public interface ProviderCall {
    /**
     * @param job the job, its attempt already counted and {@link Job#requestTimeoutMs()} set
     * @return the classified result; transport errors are results, never a failed future
     */
    Future<ProviderResult> call(Job<?> job);
}
