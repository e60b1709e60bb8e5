package io.msmeatlas.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * Several stores configured like Kafka Streams configures ours share one bounded memory: their
 * memtables are charged to the shared cache, and writing far more than the bound through them keeps
 * the cache within it.
 */
class BoundedRocksDbConfigTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void register() {
        Metrics.globalRegistry.add(meters);
    }

    @AfterEach
    void unregister() {
        Metrics.globalRegistry.remove(meters);
    }

    @Test
    void stores_written_with_four_times_the_bound_stay_within_the_shared_cache() throws Exception {
        BoundedRocksDbConfig config = new BoundedRocksDbConfig();
        List<Options> options = new ArrayList<>();
        List<RocksDB> stores = new ArrayList<>();
        Random random = new Random(7);
        try (WriteOptions write = new WriteOptions().setDisableWAL(true)) {
            for (int store = 0; store < 4; store++) {
                // As Kafka Streams hands it to the setter: with a block-based table config of its own.
                Options storeOptions = new Options().setCreateIfMissing(true).setTableFormatConfig(new BlockBasedTableConfig());
                config.setConfig("store-" + store, storeOptions, Map.of());
                options.add(storeOptions);
                stores.add(RocksDB.open(storeOptions, dir.resolve("store-" + store).toString()));
            }
            double capacity = gauge("rocksdb.block.cache.capacity");
            byte[] value = new byte[1024];
            // Four times the whole bound, spread over the stores: memtables fill and flush, blocks are cached.
            for (int i = 0; i < 4 * capacity / value.length; i++) {
                random.nextBytes(value);
                stores.get(i % stores.size()).put(write, ("key-" + i).getBytes(), value);
                if (i % 1000 == 0) {
                    assertThat(gauge("rocksdb.block.cache.usage")).isLessThanOrEqualTo(capacity);
                }
                if (i == 2048) {
                    // 2 MB written, nothing read yet: the memtables are what the cache holds.
                    assertThat(gauge("rocksdb.block.cache.usage")).isGreaterThanOrEqualTo(1024 * 1024);
                }
            }
            for (int i = 0; i < 20_000; i += 7) {
                stores.get(i % stores.size()).get(("key-" + i).getBytes());
            }
            assertThat(gauge("rocksdb.block.cache.usage")).isPositive().isLessThanOrEqualTo(capacity);
            assertThat(((BlockBasedTableConfig) options.get(0).tableFormatConfig()).blockSize()).isEqualTo(4096);
            assertThat(options.get(0).writeBufferSize()).isEqualTo(512 * 1024);
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
