package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import javax.crypto.BadPaddingException;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.Pfx;

/** Reads a PKCS#12 file holding exactly one private key and its certificate chain, with the JDK's keystore. */
final class Pkcs12Reader {

    private Pkcs12Reader() {
    }

    /** Whether the file is PKCS#12: named {@code .p12}/{@code .pfx}, or DER that parses as a PFX. */
    static boolean isPkcs12(Path file, byte[] bytes) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return true;
        }
        if (bytes.length == 0 || bytes[0] != 0x30) {
            return false;
        }
        try {
            Pfx.getInstance(ASN1Primitive.fromByteArray(bytes));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The key entry of the file's {@code bytes}, checked to match its certificate. */
    static KeyedChain read(Path file, byte[] bytes, char[] password) throws CredentialFileException {
        if (password == null) {
            throw new CredentialFileException(file, Kind.UNREADABLE,
                    "a PKCS#12 file needs a password, and none is configured for it");
        }
        KeyStore store = open(file, bytes, password);
        try {
            String alias = onlyKeyAlias(file, store);
            PrivateKey key;
            try {
                key = (PrivateKey) store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "wrong password for the private key in the PKCS#12 file", e);
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new CredentialFileException(file, Kind.UNREADABLE,
                        "the PKCS#12 file holds a private key but no certificate for it");
            }
            X509Certificate[] x509 = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                x509[i] = (X509Certificate) chain[i];
            }
            KeyMatch.require(x509[0], file, key, file);
            return new KeyedChain(x509, key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "unsupported PKCS#12 content: " + describe(e), e);
        }
    }

    private static KeyStore open(Path file, byte[] bytes, char[] password) throws CredentialFileException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException e) {
            if (causedBy(e, UnrecoverableKeyException.class) || causedBy(e, BadPaddingException.class)) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "wrong password for the PKCS#12 file", e);
            }
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt PKCS#12 file: " + describe(e), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt or unsupported PKCS#12 file: " + describe(e), e);
        }
    }

    private static String onlyKeyAlias(Path file, KeyStore store) throws GeneralSecurityException, CredentialFileException {
        List<String> keyAliases = new ArrayList<>();
        for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
            String alias = aliases.nextElement();
            if (store.isKeyEntry(alias)) {
                keyAliases.add(alias);
            }
        }
        if (keyAliases.isEmpty()) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no private key found in this PKCS#12 file");
        }
        if (keyAliases.size() > 1) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "this PKCS#12 file holds " + keyAliases.size()
                    + " private keys; only files with exactly one are supported");
        }
        return keyAliases.get(0);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
