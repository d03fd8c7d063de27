package dev.radsec.pki.internal;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Loads a local certificate: its chain and private key, from a PEM/DER certificate with a key file or from a
 * PKCS#12 file, and checks that they belong together.
 */
final class KeyedChainReader {

    private KeyedChainReader() {
    }

    /**
     * @param certificate a PEM chain (leaf first), a DER certificate, or a PKCS#12 file (recognised by content, or by
     *     a {@code .p12}/{@code .pfx} name)
     * @param privateKey a PEM (or DER PKCS#8) private key: PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 or legacy
     *     OpenSSL-encrypted PEM; {@code null} for a PKCS#12 file, whose key entry is used
     * @param password for an encrypted key or the PKCS#12 file; may be null for an unencrypted key. Not kept.
     */
    static KeyedChain load(Path certificate, Path privateKey, char[] password) throws CredentialFileException {
        byte[] certificateBytes = CredentialFileContent.read(certificate);
        boolean pkcs12 = Pkcs12Reader.isPkcs12(certificate, certificateBytes);
        if (privateKey == null) {
            if (!pkcs12) {
                throw new CredentialFileException(certificate, Kind.UNREADABLE,
                        "not a PKCS#12 file, and no private key file is configured for it");
            }
            return Pkcs12Reader.read(certificate, certificateBytes, password);
        }
        if (pkcs12) {
            throw new CredentialFileException(certificate, Kind.UNREADABLE,
                    "is a PKCS#12 file, which holds its own key: configure it without a separate private key file");
        }
        List<X509Certificate> chain = CertificateReader.certificates(certificate, certificateBytes, false);
        PrivateKey key = PrivateKeyReader.read(privateKey, password);
        KeyMatch.require(chain.get(0), certificate, key, privateKey);
        return new KeyedChain(chain.toArray(new X509Certificate[0]), key);
    }
}
