package org.medcab.catalog.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.medcab.catalog.Drug;
import org.medcab.catalog.RegisteredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable copy of the catalog: drugs, registered items and the unregistered-item alarms that are
 * raised, in one relational database (H2 in the gateway). Every write method is one transaction: it
 * commits all its rows or, on any failure, rolls back and leaves none of them. The schema is created
 * and migrated at {@link #open}, recorded in {@code schema_version}.
 */
public final class CatalogStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);

    /** Each entry moves the schema one version up; never edit one that has shipped, add the next. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE drug (gtin CHAR(14) PRIMARY KEY, name VARCHAR(200) NOT NULL, strength VARCHAR(100) NOT NULL,"
                    + " form VARCHAR(100) NOT NULL, manufacturer VARCHAR(200) NOT NULL,"
                    + " approval_number VARCHAR(100) NOT NULL, storage_class VARCHAR(50) NOT NULL)",
            "CREATE TABLE item (code VARCHAR(64) PRIMARY KEY, gtin CHAR(14) NOT NULL, batch VARCHAR(20) NOT NULL,"
                    + " expiry DATE NOT NULL, production_date DATE, registered_ms BIGINT NOT NULL)",
            "CREATE TABLE unregistered_alarm (code VARCHAR(64) PRIMARY KEY, zone VARCHAR(64) NOT NULL,"
                    + " raised_ms BIGINT NOT NULL, raise_sent BOOLEAN NOT NULL, cleared_ms BIGINT,"
                    + " clear_reason VARCHAR(200))"));

    // One connection for the store's life: an embedded database stays open while it has one, and the
    // catalog's writes are serialised anyway.
    private final Connection connection;

    private CatalogStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens the store, creating or migrating its schema. */
    public static CatalogStore open(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            CatalogStore store = new CatalogStore(connection);
            store.migrate();
            return store;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static int schemaVersion() {
        return MIGRATIONS.size();
    }

    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            connection.commit();
            if (version > MIGRATIONS.size()) {
                throw new SQLException("catalog database has schema version " + version
                        + ", newer than this bundle knows (" + MIGRATIONS.size() + "); refusing to touch it");
            }
            for (int v = version; v < MIGRATIONS.size(); v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + (v + 1) + ")");
                connection.commit();
                LOG.info("catalog database migrated to schema version {}", v + 1);
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    synchronized void loadDrugs(Consumer<Drug> into) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT gtin, name, strength, form, manufacturer, approval_number,"
                     + " storage_class FROM drug")) {
            while (rs.next()) {
                into.accept(new Drug(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
    }

    synchronized void loadItems(Consumer<RegisteredItem> into) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT code, gtin, batch, expiry, production_date, registered_ms FROM item")) {
                while (rs.next()) {
                    Date production = rs.getDate(5);
                    into.accept(new RegisteredItem(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getDate(4).toLocalDate(), production == null ? null : production.toLocalDate(),
                            Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
        }
    }

    /** Inserts or replaces these drugs, all or none. */
    void upsertDrugs(Collection<Drug> drugs) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO drug (gtin, name, strength, form, manufacturer,"
                    + " approval_number, storage_class) KEY (gtin) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Drug d : drugs) {
                    p.setString(1, d.gtin());
                    p.setString(2, d.name());
                    p.setString(3, d.strength());
                    p.setString(4, d.form());
                    p.setString(5, d.manufacturer());
                    p.setString(6, d.approvalNumber());
                    p.setString(7, d.storageClass());
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    /** Inserts or replaces these items and deletes the removed codes, all or none. */
    void writeItems(Collection<RegisteredItem> items, Collection<String> removed) throws SQLException {
        inTransaction(c -> {
            if (!items.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("MERGE INTO item (code, gtin, batch, expiry,"
                        + " production_date, registered_ms) KEY (code) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (RegisteredItem i : items) {
                        p.setString(1, i.code());
                        p.setString(2, i.gtin());
                        p.setString(3, i.batch());
                        p.setDate(4, Date.valueOf(i.expiry()));
                        if (i.productionDate() == null) {
                            p.setNull(5, Types.DATE);
                        } else {
                            p.setDate(5, Date.valueOf(i.productionDate()));
                        }
                        p.setLong(6, i.registered().toEpochMilli());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            if (!removed.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM item WHERE code = ?")) {
                    for (String code : removed) {
                        p.setString(1, code);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
        });
    }

    /** The unregistered-item alarms not yet cleared and sent, as stored. */
    synchronized List<AlarmRecord> loadAlarms() throws SQLException {
        List<AlarmRecord> alarms = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT code, zone, raised_ms, raise_sent, cleared_ms, clear_reason"
                     + " FROM unregistered_alarm")) {
            while (rs.next()) {
                long clearedMs = rs.getLong(5);
                Instant cleared = rs.wasNull() ? null : Instant.ofEpochMilli(clearedMs);
                alarms.add(new AlarmRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getBoolean(4), cleared, rs.getString(6)));
            }
        }
        return alarms;
    }

    /** Stores these alarms' current state (inserted or replaced), all or none. */
    void saveAlarms(Collection<AlarmRecord> alarms) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO unregistered_alarm (code, zone, raised_ms,"
                    + " raise_sent, cleared_ms, clear_reason) KEY (code) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (AlarmRecord a : alarms) {
                    p.setString(1, a.code());
                    p.setString(2, a.zone());
                    p.setLong(3, a.raised().toEpochMilli());
                    p.setBoolean(4, a.raiseSent());
                    if (a.cleared() == null) {
                        p.setNull(5, Types.BIGINT);
                    } else {
                        p.setLong(5, a.cleared().toEpochMilli());
                    }
                    p.setString(6, a.clearReason());
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    /** Forgets alarms whose clearing has been sent: nothing more will be said about them. */
    void deleteAlarms(Collection<String> codes) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM unregistered_alarm WHERE code = ?")) {
                for (String code : codes) {
                    p.setString(1, code);
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    /** Rows per table, for logs and tests. */
    synchronized long count(String table) throws SQLException {
        if (!List.of("drug", "item", "unregistered_alarm").contains(table)) {
            throw new IllegalArgumentException("no table " + table);
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private synchronized void inTransaction(Work work) throws SQLException {
        try {
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the catalog database failed: {}", e.toString());
        }
    }
}
