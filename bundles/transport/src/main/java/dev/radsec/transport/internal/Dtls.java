package dev.radsec.transport.internal;

import dev.radsec.pki.CredentialService;
import dev.radsec.transport.internal.dtls.DtlsSession;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;

/** The DTLS engines of both ends: DTLS 1.2 only, the PKI's live key and trust managers, mutual authentication. */
final class Dtls {
    private Dtls() {
    }

    /** A DTLS 1.2 context presenting {@code certificate} and trusting {@code trust}, both live from the PKI. */
    static SSLContext context(CredentialService pki, String certificate, String trust) {
        try {
            SSLContext context = SSLContext.getInstance("DTLSv1.2");
            context.init(new KeyManager[] {pki.keyManager(certificate)}, new TrustManager[] {pki.trustManager(trust)},
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has DTLS 1.2: " + e.getMessage(), e);
        }
    }

    /** A client engine; SNI from {@code peerName} unless it is an address literal (RFC 6066 section 3). */
    static SSLEngine client(SSLContext context, InetSocketAddress server, String peerName) {
        SSLEngine engine = context.createSSLEngine(server.getHostString(), server.getPort());
        engine.setUseClientMode(true);
        SSLParameters p = parameters(engine);
        if (!DestinationSettings.looksLikeAddress(peerName)) {
            p.setServerNames(List.of(new SNIHostName(peerName)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /** A server engine for one peer: a client certificate required. */
    static SSLEngine server(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = parameters(engine);
        p.setNeedClientAuth(true);
        engine.setSSLParameters(p);
        return engine;
    }

    private static SSLParameters parameters(SSLEngine engine) {
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {"DTLSv1.2"});
        p.setMaximumPacketSize(DtlsSession.MAX_PACKET);
        return p;
    }

    /** What a secured session tells about its peer; null when it presented no certificate. */
    static LinkInfo peer(InetSocketAddress remote, SSLEngine engine) {
        try {
            Certificate[] certificates = engine.getSession().getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certificates.length];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = (X509Certificate) certificates[i];
            }
            return new LinkInfo(remote, engine.getSession().getProtocol(), engine.getSession().getCipherSuite(), chain,
                    null);
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            return null;
        }
    }
}
