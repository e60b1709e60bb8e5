package io.msmeatlas.projections;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Caps RocksDB's off-heap memory for all stores of the process together (one store per owned
 * partition), following the Kafka Streams memory-management guide: one shared block cache that
 * also accounts for memtables, index and filter blocks.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    private static final long TOTAL_OFF_HEAP_BYTES = 16L * 1024 * 1024;
    private static final long TOTAL_MEMTABLE_BYTES = 4L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 1024L * 1024;
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    static {
        // Streams may load this class before it opens any store, i.e. before it loads the library.
        RocksDB.loadLibrary();
    }

    // Static so every store shares them; closing them with one store would break the others.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
        tableConfig.setBlockCache(CACHE);
        tableConfig.setCacheIndexAndFilterBlocks(true);
        tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
        tableConfig.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(tableConfig);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared for the life of the process.
    }
}
