package org.medcab.launcher;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The launcher's console lines, in the same shape as the bundles' slf4j-simple lines
 * ({@code 2024-05-01 12:00:00.000 INFO launcher - ...}), so one log reads as one story.
 */
final class ConsoleLog {
    static final String DATE_TIME_PATTERN = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(DATE_TIME_PATTERN);

    /**
     * slf4j-simple reads only system properties (inside OSGi its classpath resource is not found), so the
     * launcher sets them before any bundle logs; a -D on the command line or a framework property wins.
     */
    static final Map<String, String> SLF4J_SIMPLE_DEFAULTS = Map.of(
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", DATE_TIME_PATTERN,
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.showShortLogName", "true",
            "org.slf4j.simpleLogger.levelInBrackets", "false",
            "org.slf4j.simpleLogger.logFile", "System.out",
            "org.slf4j.simpleLogger.defaultLogLevel", "info");

    private final String logger;
    private final PrintStream out;

    ConsoleLog(String logger) {
        this(logger, System.out);
    }

    ConsoleLog(String logger, PrintStream out) {
        this.logger = logger;
        this.out = out;
    }

    void info(String message) {
        print("INFO", logger, message, null);
    }

    void warn(String message) {
        print("WARN", logger, message, null);
    }

    void error(String message, Throwable cause) {
        print("ERROR", logger, message, cause);
    }

    /** Prints one entry under another logger's name (used for the framework's own log entries). */
    void print(String level, String loggerName, String message, Throwable cause) {
        synchronized (out) {
            out.println(LocalDateTime.now().format(DATE_TIME) + " " + level + " " + loggerName + " - " + message);
            if (cause != null) {
                cause.printStackTrace(out);
            }
            out.flush();
        }
    }
}
