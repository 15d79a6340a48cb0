package io.chatsignals.streams.store;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB state store of this JVM (active and standby tasks alike) by one shared
 * block cache that also holds the index and filter blocks and is charged for the memtables through a
 * {@link WriteBufferManager} — Kafka Streams' documented recipe ("RocksDB: bounded memory usage", Kafka Streams
 * memory management). Without it every store of every task has its own cache and memtables, and the total grows
 * with the number of tasks.
 *
 * <p>The size is {@code state.rocksdb.memory-mb} (docs/configuration.md, "streams-app"), passed to Kafka Streams as
 * {@link #MEMORY_BYTES}; the cache is made when the first store opens and lives as long as the JVM (one application
 * per JVM: a second one in the same JVM shares the first one's cache). A quarter of it may hold memtables; index and
 * filter blocks are cached with high priority so that they are evicted last.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** The Kafka Streams config key of the total size, bytes. */
    public static final String MEMORY_BYTES = "chatsignals.rocksdb.memory.bytes";
    /** The default total, bytes (256 MiB). */
    public static final long DEFAULT_BYTES = 256L << 20;

    private static final double MEMTABLE_SHARE = 0.25;
    private static final double INDEX_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_BYTES = 16L << 20;
    private static final long BLOCK_BYTES = 16L << 10;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long sizedFor;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long total = totalBytes(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        synchronized (BoundedRocksDbMemory.class) {
            if (cache == null) {
                cache = new LRUCache(total, -1, false, INDEX_FILTER_SHARE);
                writeBuffers = new WriteBufferManager((long) (total * MEMTABLE_SHARE), cache);
                sizedFor = total;
            }
            table.setBlockCache(cache);
            options.setWriteBufferManager(writeBuffers);
        }
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_BYTES);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(3);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: they live as long as the JVM
    }

    /** @return the size the shared cache was made with, bytes; 0 before the first store opened */
    public static synchronized long sizedFor() {
        return sizedFor;
    }

    /**
     * @param configs Kafka Streams' configs
     * @return the configured total, bytes
     * @throws IllegalArgumentException when it is not a positive number
     */
    static long totalBytes(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_BYTES);
        long bytes = value == null ? DEFAULT_BYTES : Long.parseLong(value.toString());
        if (bytes <= 0) {
            throw new IllegalArgumentException(MEMORY_BYTES + " must be positive, got " + value);
        }
        return bytes;
    }
}
