package org.medcab.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.medcab.catalog.Drug;
import org.medcab.catalog.RegisteredItem;
import org.medcab.catalog.internal.Accepted;
import org.medcab.catalog.internal.Catalog;
import org.medcab.catalog.internal.CatalogStore;
import org.medcab.identifiers.Gtin;
import org.medcab.identifiers.Sgtin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Lookups by EPC: {@code ItemCatalog.item(code)} of the real catalog, loaded from a real H2 file
 * database holding 100,000 registered items (SGTIN-96 EPCs of 50 drugs), asked for a shuffled mix of
 * registered codes and codes that are not registered (half and half). Also prints the heap the
 * loaded catalog takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2) // long enough for C2 to finish on a busy machine
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogLookupBenchmark {
    static final int ITEMS = 100_000;
    static final int DRUGS = 50;
    private static final int MASK = (1 << 18) - 1; // 262,144 codes asked, > 2 × ITEMS

    private Path dir;
    private Catalog catalog;
    private String[] asked;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        dir = Files.createTempDirectory("medcab-catalog-bench-");
        fill(dir);
        try (CatalogStore store = CatalogStore.open(dataSource(dir))) {
            catalog = Catalog.load(store, Clock.systemUTC());
        }
        List<String> codes = new ArrayList<>(MASK + 1);
        for (int i = 0; i <= MASK; i++) {
            // even: a registered item; odd: a well-formed EPC that is not registered
            codes.add(i % 2 == 0 ? epc(i / 2 % ITEMS) : epc(ITEMS + i));
        }
        Collections.shuffle(codes, new Random(42));
        asked = codes.toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        deleteTree(dir);
    }

    @Benchmark
    public Optional<RegisteredItem> lookup() {
        return catalog.item(asked[next++ & MASK]);
    }

    public static void main(String[] args) throws Exception {
        printMemory();
        Options options = new OptionsBuilder().include(CatalogLookupBenchmark.class.getName() + ".lookup")
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn").build();
        RunResult result = new Runner(options).runSingle();
        double perSecond = result.getPrimaryResult().getScore();
        System.out.printf("catalog lookups: %,.0f lookups/s (± %,.0f) over %,d registered items, hits and misses mixed"
                        + " (target >= 1,000,000)%n", perSecond, result.getPrimaryResult().getScoreError(), ITEMS);
        System.exit(perSecond >= 1_000_000 ? 0 : 1);
    }

    /** The heap the loaded catalog holds: used heap after a load minus before it, store closed. */
    static void printMemory() throws Exception {
        Path dir = Files.createTempDirectory("medcab-catalog-mem-");
        try {
            fill(dir);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = settledHeap(memory);
            Catalog loaded;
            try (CatalogStore store = CatalogStore.open(dataSource(dir))) {
                loaded = Catalog.load(store, Clock.systemUTC());
            }
            long after = settledHeap(memory);
            System.out.printf("catalog memory: %,d bytes (%.1f MB) for %,d items of %d drugs, %d bytes per item%n",
                    after - before, (after - before) / 1e6, loaded.itemCount(), DRUGS, (after - before) / loaded.itemCount());
        } finally {
            deleteTree(dir);
        }
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** 50 drugs and 100,000 items of them, written through the catalog as a command would. */
    static void fill(Path dir) throws SQLException {
        try (CatalogStore store = CatalogStore.open(dataSource(dir))) {
            Catalog catalog = Catalog.load(store, Clock.systemUTC());
            List<Accepted<Drug>> drugs = new ArrayList<>();
            for (int d = 0; d < DRUGS; d++) {
                drugs.add(new Accepted<>(d, new Drug(gtin(d), "Drug " + d, "10 mg", "tablet", "Acme", "H" + d, "room")));
            }
            catalog.applyDrugs(drugs);
            for (int from = 0; from < ITEMS; from += 10_000) {
                List<Accepted<RegisteredItem>> rows = new ArrayList<>();
                for (int i = from; i < from + 10_000; i++) {
                    rows.add(new Accepted<>(i - from, new RegisteredItem(epc(i), gtin(i % DRUGS), "B" + (i % 400),
                            LocalDate.of(2027, 1, 1).plusDays(i % 700), null, Instant.EPOCH)));
                }
                if (catalog.applyItems(rows, List.of()).failed()) {
                    throw new SQLException("filling the benchmark catalog failed");
                }
            }
        }
    }

    static String gtin(int drug) {
        String digits = String.format("0614141%06d", drug);
        return digits + Gtin.checkDigit(digits);
    }

    /** The SGTIN-96 EPC of item {@code n}: drug n mod 50, serial n + 1. */
    static String epc(int n) {
        return Sgtin.fromGtin(gtin(n % DRUGS), 7, 1, Integer.toString(n + 1)).hex();
    }

    static JdbcDataSource dataSource(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";WRITE_DELAY=0");
        return ds;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
