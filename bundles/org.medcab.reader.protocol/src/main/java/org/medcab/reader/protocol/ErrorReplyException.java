package org.medcab.reader.protocol;

/**
 * A reader answered a request with an error code instead of the data asked for. Thrown by the
 * decoders of {@link Replies} for replies that normally carry data.
 */
public final class ErrorReplyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int command;
    private final ErrorCode error;

    public ErrorReplyException(int command, ErrorCode error) {
        super(String.format("reader answered 0x%02X with error %s", command, error));
        this.command = command;
        this.error = error;
    }

    /** The Cmd byte of the reply. */
    public int command() {
        return command;
    }

    public ErrorCode error() {
        return error;
    }
}
