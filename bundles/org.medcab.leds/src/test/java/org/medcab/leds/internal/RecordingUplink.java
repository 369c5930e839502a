package org.medcab.leds.internal;

import java.util.ArrayList;
import java.util.List;

import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;

/** The uplink, as far as the mirror sees it: keeps what was sent; can refuse like a full disk. */
final class RecordingUplink implements HospitalUplink {
    private final List<UplinkMessage> sent = new ArrayList<>();
    private boolean refusing;

    @Override
    public synchronized void send(UplinkMessage message) throws UplinkRefusedException {
        if (refusing) {
            throw new UplinkRefusedException("outbox storage failed: disk full");
        }
        sent.add(message);
    }

    synchronized void refuse(boolean refuse) {
        refusing = refuse;
    }

    synchronized List<UplinkMessage> sent() {
        return List.copyOf(sent);
    }
}
