package dev.radsec.transport.internal.tls;

import dev.radsec.pki.PreSharedKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS-PSK engines: Bouncy Castle's TLS ({@link BcTlsEngine}) on Bouncy Castle's own ciphers (the JCA names
 * ChaCha20-Poly1305 differently from what BC's JCA crypto asks for, and no JCA provider needs registering), and the server engine that lets the client's hello choose between a
 * certificate handshake and a PSK one.
 */
public final class PskEngines {
    private static final TlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private PskEngines() {
    }

    /** The keys a listener accepts now, and where it reports a refused identity. */
    public interface ServerKeys extends PskServer.Keys {
        /** The keys accepted now (read at each new connection, so a changed key is used by the next one). */
        List<PreSharedKey> accepted();
    }

    /** A client engine offering {@code key} on its one TLS version. */
    public static TlsEngine client(PreSharedKey key) {
        return BcTlsEngine.client(new PskClient(CRYPTO, key));
    }

    /**
     * A server engine for one new connection: a PSK handshake when the client offers a TLS 1.2 PSK suite or a TLS
     * 1.3 PSK identity the listener accepts, else {@code certificates}' engine; PSK only when {@code certificates}
     * is null.
     *
     * @param tls12 whether TLS 1.2 is allowed ({@code tls-min-version = v1.2})
     */
    public static TlsEngine server(Supplier<TlsEngine> certificates, ServerKeys keys, boolean tls12) {
        List<PreSharedKey> accepted = keys.accepted();
        ProtocolVersion[] versions = accepted.stream().map(PreSharedKey::version)
                .filter(v -> tls12 || v == PreSharedKey.TlsVersion.TLS_1_3).distinct().sorted((a, b) -> b.compareTo(a))
                .map(v -> v == PreSharedKey.TlsVersion.TLS_1_3 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12)
                .toArray(ProtocolVersion[]::new);
        Supplier<TlsEngine> psk = () -> BcTlsEngine.server(new PskServer(CRYPTO,
                versions.length == 0 ? new ProtocolVersion[] {ProtocolVersion.TLSv13} : versions, keys));
        if (certificates == null) {
            return new ChoosingEngine(hello -> psk.get(), BcTlsEngine.MAX_RECORD, BcTlsEngine.MAX_PLAINTEXT + 1024);
        }
        return new ChoosingEngine(hello -> wantsPsk(hello, accepted, keys) ? psk.get() : certificates.get(),
                Math.max(BcTlsEngine.MAX_RECORD, 16_709 + 2048), Math.max(BcTlsEngine.MAX_PLAINTEXT + 1024, 16_916));
    }

    /**
     * TLS 1.2 PSK suites offered, or a TLS 1.3 identity the listener accepts. A TLS 1.3 {@code pre_shared_key} can
     * also carry a session ticket, which the certificate engine serves; so an identity the listener does not know
     * goes to the certificate handshake, which the client then fails, and is reported here when it reads as an
     * identity (tickets are binary).
     */
    private static boolean wantsPsk(ClientHello hello, List<PreSharedKey> accepted, ServerKeys keys) {
        if (hello.tls12Psk()) {
            return true;
        }
        if (hello.identities().stream().anyMatch(id -> accepted.stream().anyMatch(k -> Arrays.equals(k.identityBytes(), id)))) {
            return true;
        }
        hello.identities().stream().filter(id -> PskServer.validIdentity(id) != null).findFirst()
                .ifPresent(id -> keys.refused(PskServer.shown(id), "unknown PSK identity"));
        return false;
    }
}
