package dev.radsec.codec;

/** How an attribute's value is hidden on the wire: the dictionary flag {@code encrypt=N}. */
public enum Encryption {
    NONE(0),
    /** RFC 2865 section 5.2, User-Password: MD5 stream keyed by secret and Request Authenticator. */
    USER_PASSWORD(1),
    /** RFC 2868 section 3.5, Tunnel-Password: as User-Password, with a salt and a length octet. */
    TUNNEL_PASSWORD(2),
    /** Ascend-Send-Secret and kin: one 16-octet block XORed with MD5(Request Authenticator || secret). */
    ASCEND_SECRET(3);

    private final int flag;

    Encryption(int flag) {
        this.flag = flag;
    }

    /** The N of {@code encrypt=N}. */
    public int flag() {
        return flag;
    }

    /** @return the encryption for {@code encrypt=N}, or {@code null} when N is not 0..3 */
    public static Encryption ofFlag(int n) {
        for (Encryption e : values()) {
            if (e.flag == n) {
                return e;
            }
        }
        return null;
    }
}
