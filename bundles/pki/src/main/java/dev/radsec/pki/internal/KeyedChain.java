package dev.radsec.pki.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate chain, leaf first, with the leaf's private key. {@code toString()} shows only the leaf. */
final class KeyedChain {
    private final X509Certificate[] chain;
    private final PrivateKey privateKey;

    KeyedChain(X509Certificate[] chain, PrivateKey privateKey) {
        if (chain == null || chain.length == 0 || privateKey == null) {
            throw new IllegalArgumentException("a keyed chain needs at least one certificate and a key");
        }
        this.chain = chain.clone();
        this.privateKey = privateKey;
    }

    /** The chain, leaf first; a copy. */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    public X509Certificate leaf() {
        return chain[0];
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "KeyedChain(" + chain[0].getSubjectX500Principal().getName() + ", serial "
                + chain[0].getSerialNumber().toString(16) + ")";
    }
}
