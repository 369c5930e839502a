package org.medcab.rules.internal;

import java.util.ArrayList;
import java.util.List;

import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;

/** Keeps what it is sent; refuses everything while {@link #refusing} is set, retained messages while {@link #refusingRetained}. */
final class RecordingUplink implements HospitalUplink {
    final List<UplinkMessage> sent = new ArrayList<>();
    boolean refusing;
    boolean refusingRetained;

    @Override
    public void send(UplinkMessage message) throws UplinkRefusedException {
        if (refusing || (refusingRetained && message.retained())) {
            throw new UplinkRefusedException("outbox full (test)");
        }
        sent.add(message);
    }

    List<UplinkMessage> on(String subtopic) {
        return sent.stream().filter(m -> m.subtopic().equals(subtopic)).toList();
    }
}
