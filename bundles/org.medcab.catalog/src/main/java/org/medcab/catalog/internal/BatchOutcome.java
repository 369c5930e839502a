package org.medcab.catalog.internal;

import java.util.List;

/**
 * What applying a batch did.
 *
 * @param applied        rows stored (new or changed)
 * @param unchanged      valid rows that were already so (idempotent repeats, removals of codes not registered)
 * @param removed        registered codes removed
 * @param notApplied     valid rows left unwritten because storage failed
 * @param storageProblem why storage failed, or null when it did not
 * @param appliedIndexes   row indexes (in the request's list) of the rows stored
 * @param unchangedIndexes row indexes of the valid rows that were already so
 */
public record BatchOutcome(int applied, int unchanged, int removed, int notApplied, String storageProblem,
                    List<Integer> appliedIndexes, List<Integer> unchangedIndexes) {
    public BatchOutcome {
        appliedIndexes = List.copyOf(appliedIndexes);
        unchangedIndexes = List.copyOf(unchangedIndexes);
    }

    public boolean failed() {
        return storageProblem != null;
    }
}
