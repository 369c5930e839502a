package org.medcab.catalog.internal;

import java.util.ArrayList;
import java.util.List;

import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * {@code cmd/items}: the HIS registers items (EPC or traceability code to GTIN, batch, expiry) and
 * removes codes, up to 10,000 of each per command.
 */
@Component(service = CommandHandler.class, property = CommandHandler.COMMAND + "=" + ItemsCommand.NAME)
public final class ItemsCommand implements CommandHandler {
    static final String NAME = "items";

    private static final Logger LOG = LoggerFactory.getLogger(ItemsCommand.class);

    private final CatalogAccess access;

    @Activate
    public ItemsCommand(@Reference CatalogAccess access) {
        this.access = access;
    }

    @Override
    public CommandReply handle(CommandRequest request) throws CommandRejectedException {
        Catalog catalog = access.catalog();
        Rows.Parsed<RegisteredItem> items = Rows.items(Rows.list(request.payload(), "items", true), catalog);
        Rows.Parsed<String> removals = Rows.removals(Rows.list(request.payload(), "remove", false), items);
        BatchOutcome outcome = catalog.applyItems(items.accepted(), removals.accepted());
        List<Rejection> rejected = new ArrayList<>(items.rejected());
        rejected.addAll(removals.rejected());
        LOG.info("cmd/items {}: {} items applied, {} removed, {} unchanged, {} rejected{}", request.requestId(),
                outcome.applied(), outcome.removed(), outcome.unchanged(), rejected.size(),
                outcome.failed() ? ", storage failed: " + outcome.storageProblem() : "");
        JsonObject extra = new JsonObject();
        extra.addProperty("removed", outcome.removed());
        return Replies.batch(outcome, rejected, "code", extra);
    }
}
