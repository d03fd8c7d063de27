package dev.radsec.transport.internal.tls;

import dev.radsec.pki.PreSharedKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The client side of one TLS-PSK connection: one key, offered on its one TLS version only (RFC 9813 section 4.2).
 * TLS 1.2 offers {@link PskSuites#TLS12}; TLS 1.3 offers the key as an external PSK with {@code psk_dhe_ke}, BC's
 * default mode, so every connection still gets an ephemeral key exchange. A server answering with a certificate
 * instead is refused (BC's PSK client authenticates no certificate).
 */
public final class PskClient extends PSKTlsClient implements BcTlsEngine.BcPeerState {
    private final PreSharedKey key;
    private final ProtocolVersion version;
    private volatile boolean complete;

    public PskClient(TlsCrypto crypto, PreSharedKey key) {
        super(crypto, new BasicTlsPSKIdentity(key.identityBytes(), key.key()));
        this.key = key;
        this.version = key.version() == PreSharedKey.TlsVersion.TLS_1_3 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return new ProtocolVersion[] {version};
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return PskSuites.of(version);
    }

    @Override
    public Vector getExternalPSKs() {
        if (!version.equals(ProtocolVersion.TLSv13)) {
            return null;
        }
        byte[] octets = key.key();
        try {
            Vector<Object> psks = new Vector<>(1);
            psks.add(new BasicTlsPSKExternal(key.identityBytes(), getCrypto().createSecret(octets),
                    PRFAlgorithm.tls13_hkdf_sha256));
            return psks;
        } finally {
            Arrays.fill(octets, (byte) 0);
        }
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
        return complete ? Optional.of(key.identity()) : Optional.empty();
    }

    @Override
    public TlsContext context() {
        return context;
    }
}
