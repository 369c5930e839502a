package org.medcab.rs485.internal;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;

/** A serial port opened with jSerialComm, 8N1, no flow control. */
final class JSerialCommLine implements SerialLine {
    private final SerialPort port;
    private final String path;

    private JSerialCommLine(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens {@code path} (a symlink such as a socat link or /dev/serial/by-id/... works). */
    static SerialLine.Opener opener(String path, int baud, int idleMillis) {
        return () -> {
            SerialPort port = SerialPort.getCommPort(path);
            port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            // Semi-blocking: a read returns as soon as any byte is there, or 0 after the idle time.
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    idleMillis, 0);
            if (!port.openPort()) {
                throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
            }
            return new JSerialCommLine(port, path);
        };
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("read from " + path + " failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException("write to " + path + " failed after " + Math.max(n, 0) + " of " + bytes.length
                    + " bytes (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
