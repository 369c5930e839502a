package org.medcab.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.Requests;
import org.medcab.lab.PtyPair;

/** The standalone command as a real process: ready line, control commands on stdin, exit on EOF. */
class SimulatorMainTest {
    @Test
    void runsAsAProcessAnswersControlCommandsAndExitsOnEndOfInput() throws Exception {
        try (PtyPair pty = PtyPair.open(java.nio.file.Files.createTempDirectory("medcab-sim-"), "ttyA", "ttyB")) {
            Path scenario = pty.a().getParent().resolve("small.json");
            Files.writeString(scenario, "{\"readers\":[{\"id\":\"r1\",\"address\":5,\"antennas\":[{\"port\":0,\"zone\":\"A1\","
                    + "\"position\":[0,0,0],\"boresight\":[0,0,1]}]}],\"tags\":[{\"epc\":\"3074257BF7194E4000001A85\","
                    + "\"zone\":\"A1\",\"position\":[0,0,0.4]}]}");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SimulatorMain.class.getName(), "--port", pty.b().toString(), "--scenario", scenario.toString(),
                    "--seed", "3", "--exit-on-eof")
                    .redirectError(pty.a().getParent().resolve("stderr.log").toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                 GatewayPort gateway = new GatewayPort(pty.a().toString())) {
                assertEquals("simulator ready", out.readLine());
                assertEquals(new Frame(5, 0x72, (byte) 8, (byte) 1), gateway.request(Requests.getFirmwareVersion(5), 1000));
                in.write("silence 5\n");
                in.flush();
                assertEquals("ok silenced reader r1@5", out.readLine());
                assertEquals(null, gateway.request(Requests.getFirmwareVersion(5), 300));
                in.write("resume 5\nmove 3074257BF7194E4000001A85 0 0 1\nteleport\n");
                in.flush();
                assertEquals("ok resumed reader r1@5", out.readLine());
                assertTrue(out.readLine().startsWith("ok moved 3074257BF7194E4000001A85"));
                assertTrue(out.readLine().startsWith("error unknown command 'teleport'"));
                in.close();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "exits on end of input with --exit-on-eof");
                assertEquals(0, p.exitValue());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void argumentsAreChecked() {
        SimulatorMain.Options o = SimulatorMain.parse(new String[] {"--port", "/tmp/x", "--baud", "38400", "--seed", "9"});
        assertEquals(new SimulatorMain.Options("/tmp/x", null, 38400, 9L, false, false), o);
        for (List<String> bad : List.<List<String>>of(List.of(), List.of("--port"), List.of("--port", "x", "--baud", "9600"),
                List.of("--port", "x", "--seed", "abc"), List.of("--port", "x", "--colour"))) {
            assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(bad.toArray(String[]::new)), bad.toString());
        }
    }
}
