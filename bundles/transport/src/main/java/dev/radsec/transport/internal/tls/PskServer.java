package dev.radsec.transport.internal.tls;

import dev.radsec.pki.PreSharedKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.PskIdentity;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The server side of one TLS-PSK connection. The client's identity is validated ({@link #validIdentity}) before it
 * is looked up among the keys the listener accepts, and a key is used only on its own TLS version: a TLS 1.2 key
 * never completes a TLS 1.3 handshake, nor the reverse. An identity that is invalid or unknown ends the handshake
 * (TLS 1.2: unknown_psk_identity; TLS 1.3: no PSK selected, and no certificate to fall back to).
 */
public final class PskServer extends PSKTlsServer implements BcTlsEngine.BcPeerState {
    /** What the server asks when a client names an identity. */
    public interface Keys {
        /** The key of {@code identity} (already validated) that this listener accepts; empty when none. */
        Optional<PreSharedKey> byIdentity(String identity);

        /** The client named an identity that is invalid or not accepted; {@code shown} is safe to log. */
        void refused(String shown, String reason);
    }

    private final ProtocolVersion[] versions;
    private final Keys keys;
    private volatile boolean complete;
    private volatile String identity;

    /** @param versions the versions of the keys the listener accepts now, highest first */
    public PskServer(TlsCrypto crypto, ProtocolVersion[] versions, Keys keys) {
        super(crypto, new IdentityManager());
        ((IdentityManager) pskIdentityManager).server = this;
        this.versions = versions.clone();
        this.keys = keys;
    }

    /** TLS 1.2: BC asks for the key of the identity in the ClientKeyExchange. */
    private static final class IdentityManager implements TlsPSKIdentityManager {
        PskServer server;

        @Override
        public byte[] getHint() {
            return null;
        }

        @Override
        public byte[] getPSK(byte[] identity) {
            return server.lookUp(identity, PreSharedKey.TlsVersion.TLS_1_2).map(PreSharedKey::key).orElse(null);
        }
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        int[] suites = new int[0];
        for (ProtocolVersion v : versions) {
            int[] more = PskSuites.of(v);
            int[] joined = Arrays.copyOf(suites, suites.length + more.length);
            System.arraycopy(more, 0, joined, suites.length, more.length);
            suites = joined;
        }
        return suites;
    }

    /** TLS 1.3: the first offered identity that is valid and accepted, as an external PSK bound to SHA-256. */
    @Override
    public TlsPSKExternal getExternalPSK(Vector identities) {
        for (Object o : identities) {
            byte[] offered = ((PskIdentity) o).getIdentity();
            Optional<PreSharedKey> key = lookUp(offered, PreSharedKey.TlsVersion.TLS_1_3);
            if (key.isPresent()) {
                byte[] octets = key.get().key();
                try {
                    return new BasicTlsPSKExternal(offered, getCrypto().createSecret(octets),
                            PRFAlgorithm.tls13_hkdf_sha256);
                } finally {
                    Arrays.fill(octets, (byte) 0);
                }
            }
        }
        return null;
    }

    private Optional<PreSharedKey> lookUp(byte[] offered, PreSharedKey.TlsVersion version) {
        String name = validIdentity(offered);
        if (name == null) {
            keys.refused(shown(offered), "invalid PSK identity");
            return Optional.empty();
        }
        Optional<PreSharedKey> key = keys.byIdentity(name);
        if (key.isEmpty()) {
            keys.refused(shown(offered), "unknown PSK identity");
            return Optional.empty();
        }
        if (key.get().version() != version) {
            keys.refused(shown(offered), "PSK identity offered on TLS " + version.label() + ", configured for TLS "
                    + key.get().version().label());
            return Optional.empty();
        }
        identity = name;
        return key;
    }

    /**
     * The identity as text when it may be looked up: 1 to 128 octets of valid UTF-8 with no control characters;
     * null otherwise.
     */
    static String validIdentity(byte[] offered) {
        if (offered == null || offered.length == 0 || offered.length > dev.radsec.pki.PreSharedKeys.MAX_IDENTITY_OCTETS) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(offered)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7F) ? null : text;
    }

    /** An identity as it may appear in a log: printable ASCII kept, anything else escaped, at most 64 characters. */
    static String shown(byte[] offered) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(offered.length, 64); i++) {
            int c = offered[i] & 0xFF;
            b.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return offered.length > 64 ? b + "..." : b.toString();
    }

    @Override
    public void notifyHandshakeComplete() {
        complete = true;
    }

    @Override
    public boolean handshakeComplete() {
        return complete;
    }

    @Override
    public Optional<String> pskIdentity() {
        return complete ? Optional.ofNullable(identity) : Optional.empty();
    }

    @Override
    public TlsContext context() {
        return context;
    }

}
