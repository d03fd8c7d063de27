package dev.radsec.transport;

/**
 * A relay's accounting spool: the Accounting-Requests no destination took, kept on disk until one does. The NAS is
 * answered once a request is on disk; the spool sends it on, in order, when a destination is back, and lets go of it
 * only once that destination answered.
 *
 * @param maxBytes   the relay's {@code accounting-spool-max} in bytes; 0: nothing new is spooled (what it holds is
 *                   still sent on)
 * @param records    Accounting-Requests waiting in it now
 * @param bytes      the size of its files now (waiting records, plus sent ones until their file is deleted)
 * @param spooled    requests stored and answered to the NAS since the relay started
 * @param replayed   stored requests a destination has answered since then
 * @param full       requests left unanswered because the spool was full (or could not be written): the NAS keeps
 *                   them and sends them again
 * @param duplicates NAS retransmissions of a request the spool holds (same Acct-Session-Id, Acct-Status-Type and
 *                   Event-Timestamp): answered, not stored twice
 * @param torn       records found torn or corrupt (a crash in the middle of a write) and discarded, never sent
 * @since 0.8
 */
public record AccountingSpoolStatistics(long maxBytes, long records, long bytes, long spooled, long replayed, long full,
                                        long duplicates, long torn) {
    /** A relay without a spool. */
    public static final AccountingSpoolStatistics OFF = new AccountingSpoolStatistics(0, 0, 0, 0, 0, 0, 0, 0);

    @Override
    public String toString() {
        return records + " waiting (" + bytes + " of " + maxBytes + " bytes), spooled " + spooled + ", replayed "
                + replayed + ", full " + full + ", duplicates " + duplicates + ", torn " + torn;
    }
}
