package org.medcab.rs485.internal;

import java.time.Instant;

import org.medcab.reader.protocol.Frame;

/** Receives the frames of one reply, in order, on the thread that made the request. */
@FunctionalInterface
public interface ReplyHandler {
    /**
     * A frame from the reader asked, carrying the request's command.
     *
     * @return true when this frame completes the reply
     */
    boolean accept(Frame frame, Instant receivedAt);
}
