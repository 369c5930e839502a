package org.medcab.reader.protocol;

/**
 * A frame whose checksum held but whose content does not fit the command it carries: wrong data
 * length, a value out of range, a command without a decoder. Every decoder of this package
 * reports such input with this checked exception and never with an unchecked one, because bytes
 * from a serial line are not trusted: the caller counts or logs it and carries on.
 */
public final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Frame frame;
    private final ErrorCode readerError;

    public MalformedFrameException(Frame frame, String reason) {
        this(frame, reason, ErrorCode.INVALID_PARAMETER);
    }

    public MalformedFrameException(Frame frame, String reason, ErrorCode readerError) {
        super(reason + ": " + frame);
        this.frame = frame;
        this.readerError = readerError;
    }

    /** The frame that did not decode. */
    public Frame frame() {
        return frame;
    }

    /**
     * For a request that did not decode, the error code a reader answers it with (e.g. 0x47 for an
     * antenna out of range); 0x41 "invalid parameter" when nothing more specific applies.
     */
    public ErrorCode readerError() {
        return readerError;
    }
}
