package dev.radsec.pki.internal;

import dev.radsec.common.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Writes a PKCS#12 file holding one private key with its certificate chain, with the JDK's keystore: PBES2 with
 * AES-256-CBC for the key and the certificates, HMAC-SHA-256 for integrity (the JDK's defaults since 17, and what
 * OpenSSL 3 writes and reads). The file is created whole with mode 0600 ({@link AtomicFiles#create}) and must not
 * exist yet.
 */
final class Pkcs12Writer {

    private Pkcs12Writer() {
    }

    /**
     * @param friendlyName the name devices show for the entry
     * @param chain        the certificate first, then its issuers
     * @param password     protects the file and the key; not kept
     */
    static void create(Path file, String friendlyName, PrivateKey key, X509Certificate[] chain, char[] password)
            throws IOException {
        byte[] bytes;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(friendlyName, key, password, chain);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            bytes = out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the PKCS#12 file: " + SafeMessages.describe(e), e);
        }
        try {
            AtomicFiles.create(file, bytes, AtomicFiles.OWNER_ONLY);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
