package dev.radsec.pki.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one named certificate, read afresh from the registry at every handshake, so that a reloaded
 * certificate is used by the next handshake and an unavailable one is not offered at all.
 */
final class NamedKeyManager extends X509ExtendedKeyManager {
    private final CredentialRegistry registry;
    private final String name;

    NamedKeyManager(CredentialRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    /** The alias when the certificate is available and its key suits one of the handshake's key types. */
    private String alias(String... keyTypes) {
        KeyedChain m = registry.material(name);
        if (m == null) {
            return null;
        }
        // Providers disagree on names: the JDK says EC, Bouncy Castle ECDSA.
        String algorithm = "ECDSA".equals(m.privateKey().getAlgorithm()) ? "EC" : m.privateKey().getAlgorithm();
        for (String keyType : keyTypes) {
            String wanted = "ECDSA".equals(keyType) ? "EC" : keyType;
            if (wanted == null || wanted.equals(algorithm) || wanted.startsWith(algorithm + "_")
                    || ("RSASSA-PSS".equals(wanted) && "RSA".equals(algorithm))) {
                return name;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String a = alias(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return alias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return alias(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyedChain m = name.equals(alias) ? registry.material(name) : null;
        return m == null ? null : m.chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyedChain m = name.equals(alias) ? registry.material(name) : null;
        return m == null ? null : m.privateKey();
    }

    @Override
    public String toString() {
        return "key manager for certificate '" + name + "'";
    }
}
