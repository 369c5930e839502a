package org.medcab.his;

/** Exit statuses of {@code medcab-his}, for scripts. */
public final class Exit {
    /** Done; for a command: the final reply was {@code ok}. */
    public static final int OK = 0;
    /** The final reply was {@code partial}: some rows were refused, each named in the reply. */
    public static final int PARTIAL = 1;
    /** The final reply was rejected, failed, cancelled or timed-out, or none came in time. */
    public static final int NOT_DONE = 2;
    /** {@code watch} saw a protocol violation (one seq carried by two message ids, or one id with two seqs). */
    public static final int VIOLATION = 3;
    /** Bad arguments. */
    public static final int USAGE = 64;
    /** A CSV or JSON input with errors: nothing was sent. */
    public static final int DATA = 65;
    /** The broker could not be reached or refused the connection. */
    public static final int UNAVAILABLE = 69;

    private Exit() {
    }
}
