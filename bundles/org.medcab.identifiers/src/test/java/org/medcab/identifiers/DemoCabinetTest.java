package org.medcab.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every tag of the simulator's demo cabinet decodes as its author says: 260 SGTIN-96, 25 SGTIN-198, 15 raw 128-bit. */
class DemoCabinetTest {

    private static final Path DEMO_CABINET =
            Path.of("../org.medcab.simulator/src/main/resources/org/medcab/simulator/demo-cabinet.json");
    private static final Pattern EPC = Pattern.compile("\"epc\"\\s*:\\s*\"([^\"]*)\"");

    @Test
    void demoCabinetTags() throws IOException {
        Matcher matcher = EPC.matcher(Files.readString(DEMO_CABINET, StandardCharsets.UTF_8));
        List<Epc> epcs = new ArrayList<>();
        while (matcher.find()) {
            epcs.add(Epc.decode(matcher.group(1)));
        }
        assertEquals(300, epcs.size());
        assertEquals(260, epcs.stream().filter(e -> e instanceof Sgtin s && s.scheme() == SgtinScheme.SGTIN_96).count());
        assertEquals(25, epcs.stream().filter(e -> e instanceof Sgtin s && s.scheme() == SgtinScheme.SGTIN_198).count());
        assertEquals(15, epcs.stream().filter(e -> e instanceof RawEpc r && r.bits() == 128).count());
        assertEquals(300, epcs.stream().map(Epc::uri).distinct().count(), "every tag a different item");
        for (Epc epc : epcs) {
            if (epc instanceof Sgtin sgtin) {
                assertTrue(Gtin.isValid(sgtin.gtin()), sgtin::toString);
                assertEquals(sgtin, Epc.decode(sgtin.pc(), sgtin.hex()));
            }
        }
    }
}
