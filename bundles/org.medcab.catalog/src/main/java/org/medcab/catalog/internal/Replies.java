package org.medcab.catalog.internal;

import java.util.List;

import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The reply shape the batch commands share: counts, every rejected row with its reason, a storage failure. */
final class Replies {
    private Replies() {
    }

    /**
     * ok when every row was applied or unchanged, partial when some were rejected, failed when storage
     * failed part-way (the counts then say what was applied before it did).
     */
    static CommandReply batch(BatchOutcome outcome, List<Rejection> rejected, String keyName, JsonObject extra) {
        JsonObject result = new JsonObject();
        result.addProperty("applied", outcome.applied());
        result.addProperty("unchanged", outcome.unchanged());
        JsonArray rows = new JsonArray();
        rejected.forEach(r -> rows.add(r.toJson(keyName)));
        result.add("rejected", rows);
        extra.entrySet().forEach(e -> result.add(e.getKey(), e.getValue()));
        ReplyStatus status;
        if (outcome.failed()) {
            result.addProperty("notApplied", outcome.notApplied());
            result.addProperty("problem", outcome.storageProblem());
            status = ReplyStatus.FAILED;
        } else {
            status = rejected.isEmpty() ? ReplyStatus.OK : ReplyStatus.PARTIAL;
        }
        return CommandReply.of(status, result);
    }
}
