package org.medcab.catalog.internal;

import org.medcab.catalog.Drug;
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

/** {@code cmd/catalog}: the HIS describes drugs, up to 10,000 per command, upserted by GTIN. */
@Component(service = CommandHandler.class, property = CommandHandler.COMMAND + "=" + DrugsCommand.NAME)
public final class DrugsCommand implements CommandHandler {
    static final String NAME = "catalog";

    private static final Logger LOG = LoggerFactory.getLogger(DrugsCommand.class);

    private final CatalogAccess access;

    @Activate
    public DrugsCommand(@Reference CatalogAccess access) {
        this.access = access;
    }

    @Override
    public CommandReply handle(CommandRequest request) throws CommandRejectedException {
        Rows.Parsed<Drug> drugs = Rows.drugs(Rows.list(request.payload(), "drugs", true));
        BatchOutcome outcome = access.catalog().applyDrugs(drugs.accepted());
        LOG.info("cmd/catalog {}: {} drugs applied, {} unchanged, {} rejected{}", request.requestId(),
                outcome.applied(), outcome.unchanged(), drugs.rejected().size(),
                outcome.failed() ? ", storage failed: " + outcome.storageProblem() : "");
        return Replies.batch(outcome, drugs.rejected(), "gtin", new JsonObject());
    }
}
