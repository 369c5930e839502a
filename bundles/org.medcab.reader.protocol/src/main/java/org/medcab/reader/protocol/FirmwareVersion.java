package org.medcab.reader.protocol;

/** The reply to 0x72. */
public record FirmwareVersion(int major, int minor) {
    public FirmwareVersion {
        Bytes.requireByte("major", major);
        Bytes.requireByte("minor", minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
