package io.chatsignals.worker.kafka;

/**
 * The intake buffer's bounds (docs/configuration.md, {@code buffer.*}), as the settings give them: a value, no behaviour.
 *
 * @param maxBuffered commands held in memory over all partitions ({@code buffer.max})
 * @param laneQuota   commands of one account held in memory, past which its commands are parked (offsets only)
 * @param maxParked   parked commands over all partitions, past which fetching pauses
 */
public record BufferBounds(int maxBuffered, int laneQuota, int maxParked) {}
