package org.medcab.rs485.internal;

import java.io.IOException;

/** One open serial line, as the bus needs it. A read and a write may run at the same time. */
public interface SerialLine extends AutoCloseable {

    /**
     * Waits up to the line's idle time for bytes.
     *
     * @return bytes read, 0 when the line stayed quiet
     * @throws IOException when the line is gone (adapter unplugged, port closed)
     */
    int read(byte[] buffer) throws IOException;

    /** Writes all bytes or throws. */
    void write(byte[] bytes) throws IOException;

    /** Closes the line; never throws. */
    @Override
    void close();

    /** Opens a line; called again after the line was lost. */
    @FunctionalInterface
    interface Opener {
        SerialLine open() throws IOException;
    }
}
