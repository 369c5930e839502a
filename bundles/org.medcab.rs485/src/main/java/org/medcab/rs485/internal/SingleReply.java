package org.medcab.rs485.internal;

import java.time.Instant;

import org.medcab.reader.protocol.Frame;

/** A reply that is one frame: every command except the inventory streams and the buffer dumps. */
final class SingleReply implements ReplyHandler {
    private Frame frame;

    @Override
    public boolean accept(Frame frame, Instant receivedAt) {
        this.frame = frame;
        return true;
    }

    Frame frame() {
        return frame;
    }
}
