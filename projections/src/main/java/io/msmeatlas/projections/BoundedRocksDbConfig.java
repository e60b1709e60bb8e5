package io.msmeatlas.projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.springframework.util.unit.DataSize;

/**
 * Caps RocksDB's off-heap memory for all stores of the process together (one store per read model and
 * owned partition, and during a rebuild those of two versions), following the Kafka Streams
 * memory-management guide:
 * <ul>
 *   <li>one LRU block cache shared by every store (16 MB unless {@value #MEMORY} says otherwise);</li>
 *   <li>index and filter blocks are cached in it too, in a high-priority pool that is evicted last
 *       (a tenth of the cache, {@value #INDEX_FILTER_RATIO}), with the top-level index pinned;</li>
 *   <li>memtables are charged to the same cache by one write buffer manager (4 MB of the 16,
 *       {@value #WRITE_BUFFERS}), so they cannot grow beside it; each memtable (512 KB,
 *       {@value #WRITE_BUFFER}) is flushed to a file when full;</li>
 *   <li>blocks, the unit read and cached, are 4 KB ({@value #BLOCK_SIZE}): listing views are read by id.</li>
 * </ul>
 * The sizes are Streams settings ({@code spring.kafka.streams.properties.atlas.rocksdb.*}, values such
 * as {@code 16MB} or {@code 4KB}), read when the first store opens. The cache's use is exported as
 * {@code rocksdb_block_cache_usage_bytes} (memtables included), {@code rocksdb_block_cache_pinned_usage_bytes}
 * and {@code rocksdb_block_cache_capacity_bytes}.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Total: the block cache, memtables, index and filter blocks of every store. */
    public static final String MEMORY = "atlas.rocksdb.memory";
    /** Of {@link #MEMORY}, what memtables may take together. */
    public static final String WRITE_BUFFERS = "atlas.rocksdb.write-buffers";
    /** One memtable: the unit in which writes are buffered, then flushed to a file (the seed's "page"). */
    public static final String WRITE_BUFFER = "atlas.rocksdb.write-buffer";
    /** The unit RocksDB reads and caches: small for point lookups by id, larger for long range scans. */
    public static final String BLOCK_SIZE = "atlas.rocksdb.block-size";
    /** Share of the cache reserved for index and filter blocks (the high-priority pool). */
    public static final String INDEX_FILTER_RATIO = "atlas.rocksdb.index-filter-ratio";

    private static final DataSize DEFAULT_MEMORY = DataSize.ofMegabytes(16);
    private static final DataSize DEFAULT_WRITE_BUFFERS = DataSize.ofMegabytes(4);
    private static final DataSize DEFAULT_WRITE_BUFFER = DataSize.ofKilobytes(512);
    private static final DataSize DEFAULT_BLOCK_SIZE = DataSize.ofKilobytes(4);
    private static final double DEFAULT_INDEX_FILTER_RATIO = 0.1;

    static {
        // Streams may load this class before it opens any store, i.e. before it loads the library.
        RocksDB.loadLibrary();
    }

    /** One per process, shared by every store; never closed, since closing it with one store would break the others. */
    private record SharedMemory(Cache cache, WriteBufferManager writeBuffers, long capacity, long writeBufferBytes,
            long blockSize) {
    }

    private static SharedMemory shared;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SharedMemory memory = shared(configs);
        BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
        tableConfig.setBlockCache(memory.cache());
        tableConfig.setBlockSize(memory.blockSize());
        tableConfig.setCacheIndexAndFilterBlocks(true);
        tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
        tableConfig.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(memory.writeBufferBytes());
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(tableConfig);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared for the life of the process.
    }

    private static synchronized SharedMemory shared(Map<String, Object> configs) {
        if (shared == null) {
            long capacity = bytes(configs, MEMORY, DEFAULT_MEMORY);
            long writeBuffers = bytes(configs, WRITE_BUFFERS, DEFAULT_WRITE_BUFFERS);
            double ratio = configs.containsKey(INDEX_FILTER_RATIO)
                    ? Double.parseDouble(configs.get(INDEX_FILTER_RATIO).toString()) : DEFAULT_INDEX_FILTER_RATIO;
            if (writeBuffers >= capacity) {
                throw new IllegalArgumentException(WRITE_BUFFERS + " must be below " + MEMORY);
            }
            Cache cache = new LRUCache(capacity, -1, false, ratio);
            shared = new SharedMemory(cache, new WriteBufferManager(writeBuffers, cache), capacity,
                    bytes(configs, WRITE_BUFFER, DEFAULT_WRITE_BUFFER), bytes(configs, BLOCK_SIZE, DEFAULT_BLOCK_SIZE));
            register(Metrics.globalRegistry, shared);
        }
        return shared;
    }

    private static void register(MeterRegistry meters, SharedMemory memory) {
        Cache cache = memory.cache();
        Gauge.builder("rocksdb.block.cache.usage", cache, Cache::getUsage).baseUnit("bytes")
                .description("RocksDB memory in the shared block cache, memtables included").register(meters);
        Gauge.builder("rocksdb.block.cache.pinned.usage", cache, Cache::getPinnedUsage).baseUnit("bytes")
                .description("RocksDB memory pinned in the shared block cache (in use, cannot be evicted)")
                .register(meters);
        Gauge.builder("rocksdb.block.cache.capacity", memory, SharedMemory::capacity).baseUnit("bytes")
                .description("The bound on RocksDB's memory for all stores of this process").register(meters);
    }

    private static long bytes(Map<String, Object> configs, String key, DataSize defaultSize) {
        Object value = configs.get(key);
        return value == null ? defaultSize.toBytes() : DataSize.parse(value.toString().strip()).toBytes();
    }
}
