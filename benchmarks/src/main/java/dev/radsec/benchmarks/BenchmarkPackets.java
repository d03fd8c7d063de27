package dev.radsec.benchmarks;

/**
 * The packets every codec benchmark encodes and decodes, so that the implementations are compared on
 * identical input. Attribute values are given as the RADIUS dictionary names and values.
 */
public final class BenchmarkPackets {

    private BenchmarkPackets() {
    }

    public static final String SECRET = "testing123";

    /** Identifier of both requests. */
    public static final int IDENTIFIER = 7;

    // Access-Request (PAP) with Message-Authenticator
    public static final String USER_NAME = "alice@example.org";
    public static final String USER_PASSWORD = "correct horse battery";
    public static final String NAS_IP_ADDRESS = "192.0.2.10";
    public static final int NAS_PORT = 7;
    public static final String CALLED_STATION_ID = "00-11-22-33-44-55:radsec";
    public static final String CALLING_STATION_ID = "66-77-88-99-AA-BB";

    // Accounting-Request (no Message-Authenticator): also User-Name, NAS-IP-Address, NAS-Port from above
    /** Acct-Status-Type Start */
    public static final int ACCT_STATUS_TYPE_START = 1;
    public static final String ACCT_SESSION_ID = "4D2A3F10";
    public static final String FRAMED_IP_ADDRESS = "10.0.0.7";
    public static final int ACCT_DELAY_TIME = 0;
}
