package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {
    @TempDir
    Path dir;

    @Test
    void theSchemaIsCreatedOnceAndItsVersionRecorded() throws Exception {
        TestCatalogs.open(dir).close();
        TestCatalogs.open(dir).close();
        try (Connection c = TestCatalogs.dataSource(dir).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            for (int v = 1; v <= CatalogStore.schemaVersion(); v++) {
                assertTrue(rs.next());
                assertEquals(v, rs.getInt(1));
            }
            assertTrue(!rs.next(), "each version recorded once");
        }
    }

    @Test
    void aDatabaseOfANewerVersionIsRefusedAndLeftAsItIs() throws Exception {
        TestCatalogs.open(dir).close();
        try (Connection c = TestCatalogs.dataSource(dir).getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (99)");
        }
        SQLException refused = assertThrows(SQLException.class, () -> CatalogStore.open(TestCatalogs.dataSource(dir)));
        assertTrue(refused.getMessage().contains("schema version 99"), refused.getMessage());
        try (Connection c = TestCatalogs.dataSource(dir).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(99, rs.getInt(1));
        }
    }
}
