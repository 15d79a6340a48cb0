/**
 * sender-worker's API: {@link io.chatsignals.worker.WorkerApp} (start one worker from its settings; the app's
 * {@code main}) and {@link io.chatsignals.worker.WorkerSettings} (read and check its configuration). Nothing else in
 * this module is for other modules' code: its sub-packages are the worker's components, public only so that they can
 * reach one another ({@code kafka} the consumer, intake and status producer; {@code dispatch} the per-key lanes;
 * {@code limits} the token buckets and backoff; {@code complete} the statuses; {@code enrich} the message details;
 * {@code provider} the gateway skeleton and one package per provider, reached only through
 * {@link io.chatsignals.worker.provider.Registrations}). {@code WorkerBoundaryTest} holds other modules' main code to
 * the API.
 */
package io.chatsignals.worker;
