package org.medcab.mqtt.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while a piece of code runs: slf4j-simple's output (it writes to the current
 * {@code System.err}) and java.util.logging at every level (where Paho writes its trace).
 */
final class CapturedLog {
    interface Action {
        void run() throws Exception;
    }

    private CapturedLog() {
    }

    static String during(Action action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder jul = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (jul) {
                    jul.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(" - ")
                            .append(new java.util.logging.SimpleFormatter().formatMessage(record)).append('\n');
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger paho = Logger.getLogger("org.eclipse.paho");
        Level pahoLevel = paho.getLevel();
        paho.setLevel(Level.ALL);
        paho.addHandler(handler);
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setErr(err);
            paho.removeHandler(handler);
            paho.setLevel(pahoLevel);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        err.print(text); // still shown in the test's output
        synchronized (jul) {
            return text + jul;
        }
    }
}
