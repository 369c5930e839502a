package org.medcab.catalog.internal;

import java.io.File;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.medcab.catalog.CatalogListener;
import org.medcab.catalog.Drug;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.HospitalUplink;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi shell of the catalog: opens the H2 database through its {@link DataSourceFactory}, loads
 * the catalog into memory and provides it as {@link ItemCatalog}; watches every inventory cycle for
 * unregistered items; tells {@link CatalogListener}s of every change. Runs with the defaults when no
 * configuration exists.
 */
@Component(service = {ItemCatalog.class, InventoryListener.class, CatalogAccess.class}, immediate = true,
        configurationPid = CatalogComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CatalogConfig.class)
public final class CatalogComponent implements ItemCatalog, InventoryListener, CatalogAccess {
    static final String PID = "org.medcab.catalog";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogComponent.class);

    private final CatalogStore store;
    private final Catalog catalog;
    private final UnregisteredItemAlarms alarms;
    private final AtomicReference<HospitalUplink> uplink = new AtomicReference<>();

    @Activate
    public CatalogComponent(BundleContext context, CatalogConfig config,
                            @Reference(target = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.h2.Driver)")
                            DataSourceFactory jdbc) throws SQLException {
        String path = config.database().isBlank()
                ? context.getDataFile("catalog").getAbsolutePath() : new File(config.database()).getAbsolutePath();
        Properties properties = new Properties();
        // WRITE_DELAY=0: a commit is on disk before the reply says "applied", kill -9 or not.
        properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:h2:file:" + path + ";WRITE_DELAY=0");
        DataSource dataSource = jdbc.createDataSource(properties);
        try {
            store = CatalogStore.open(dataSource);
            catalog = Catalog.load(store, Clock.systemUTC());
            alarms = new UnregisteredItemAlarms(store, catalog, Clock.systemUTC());
        } catch (SQLException | RuntimeException e) {
            LOG.error("catalog database {}.mv.db cannot be opened; the catalog stays unavailable: {}", path, e.toString(), e);
            throw e;
        }
        catalog.addListener(alarms);
        LOG.info("catalog database {}.mv.db open", path);
    }

    @Deactivate
    void stop() {
        alarms.close();
        store.close();
    }

    @Override
    public Optional<RegisteredItem> item(String code) {
        return catalog.item(code);
    }

    @Override
    public Optional<Drug> drug(String gtin) {
        return catalog.drug(gtin);
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void cycleCompleted(CycleReport report) {
        alarms.cycleCompleted(report);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(CatalogListener listener) {
        catalog.addListener(listener);
    }

    void unbindListener(CatalogListener listener) {
        catalog.removeListener(listener);
    }

    /** Optional and dynamic: alarms wait in the store while no link is there and go out once one appears. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplink(HospitalUplink uplink) {
        this.uplink.set(uplink);
        alarms.uplinkChanged(uplink);
    }

    void unbindUplink(HospitalUplink uplink) {
        // A greedy replacement binds the new link before it unbinds the old one.
        if (this.uplink.compareAndSet(uplink, null)) {
            alarms.uplinkChanged(null);
        }
    }
}
