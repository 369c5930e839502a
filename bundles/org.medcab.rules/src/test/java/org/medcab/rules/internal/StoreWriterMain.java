package org.medcab.rules.internal;

import java.nio.file.Path;

/**
 * Child process of {@link RulesStoreTest}: stores the two tables of {@link RulesStoreTest#table}
 * one after the other, for ever, printing a line after each, until it is killed.
 */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        RulesStore store = new RulesStore(Path.of(args[0]));
        for (long n = 0; ; n++) {
            store.saveLevels(RulesStoreTest.table((int) (n % 2)), "r" + n);
            System.out.println("saved " + n);
        }
    }
}
