package org.medcab.catalog.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.medcab.catalog.RegisteredItem;

/**
 * The child JVM of {@link CrashTest}: registers batches of 10,000 items, row after row, without end,
 * and prints {@code committed N} after every group the catalog has committed, until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        TestCatalogs.Opened opened = TestCatalogs.open(Path.of(args[0]));
        TestCatalogs.withDrugs(opened.catalog());
        AtomicLong committed = new AtomicLong(opened.catalog().itemCount());
        opened.catalog().addListener((codes, gtins) -> {
            System.out.println("committed " + committed.addAndGet(codes.size()));
            System.out.flush();
        });
        for (int batch = 0; ; batch++) {
            List<Accepted<RegisteredItem>> rows = new ArrayList<>();
            for (int i = 0; i < Rows.MAX_ROWS; i++) {
                rows.add(new Accepted<>(i, expected(batch * Rows.MAX_ROWS + i + 1)));
            }
            opened.catalog().applyItems(rows, List.of());
        }
    }

    /** What item number {@code n} is registered as: every field derived from n, so a torn row shows. */
    static RegisteredItem expected(long n) {
        return new RegisteredItem(TestCatalogs.epc(n), TestCatalogs.GTIN, "B" + n, LocalDate.of(2027, 1, 1).plusDays(n % 1000),
                LocalDate.of(2025, 1, 1).plusDays(n % 300), TestCatalogs.NOW);
    }
}
