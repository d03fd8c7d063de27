package dev.radsec.pki.internal;

import dev.radsec.common.AtomicFiles;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes certificates, CRLs and keys as PEM with Bouncy Castle's writer, through {@link AtomicFiles}: whole or not
 * at all, and a file holding a private key is mode 0600 from the start (its temporary file too); others are 0644.
 * Key text is cleared from memory once written.
 */
final class PemWriter {

    private PemWriter() {
    }

    /**
     * Encodes objects as PEM (certificates, CRLs, CSRs, public keys; a {@link PrivateKey} or {@link KeyPair} as
     * unencrypted PKCS#8 {@code PRIVATE KEY}). The caller should clear the returned array when it holds a key.
     */
    static byte[] encode(Object... objects) throws IOException {
        CharArrayWriter chars = new CharArrayWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(chars)) {
            for (Object o : objects) {
                if (o instanceof KeyPair) {
                    o = ((KeyPair) o).getPrivate();
                }
                if (o instanceof PrivateKey) {
                    writer.writeObject(new JcaPKCS8Generator((PrivateKey) o, null));
                } else {
                    writer.writeObject(o);
                }
            }
        }
        char[] text = chars.toCharArray();
        chars.reset();
        try {
            ByteBuffer buffer = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            if (buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
            return bytes;
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Writes objects as PEM (see {@link #encode}), replacing {@code file} atomically: readers see the old file or
     * the new one, never half a file. The file is mode 0644, or 0600 when a private key is among the objects.
     */
    static void replace(Path file, Object... objects) throws IOException {
        write(file, objects, AtomicFiles::write);
    }

    /**
     * Writes objects as PEM into a new file; fails with {@link java.nio.file.FileAlreadyExistsException} when
     * {@code file} exists. Mode 0600 when a private key is among the objects: the file is created with that mode,
     * so it is never readable by others, not even briefly.
     */
    static void create(Path file, Object... objects) throws IOException {
        write(file, objects, AtomicFiles::create);
    }

    /** How {@link AtomicFiles} puts content into a file. */
    private interface FileWrite {
        void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException;
    }

    private static void write(Path file, Object[] objects, FileWrite how) throws IOException {
        byte[] bytes = encode(objects);
        try {
            how.write(file, bytes, holdsPrivateKey(objects) ? AtomicFiles.OWNER_ONLY : AtomicFiles.READABLE);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean holdsPrivateKey(Object... objects) {
        for (Object o : objects) {
            if (o instanceof PrivateKey || o instanceof KeyPair || o instanceof JcaPKCS8Generator) {
                return true;
            }
        }
        return false;
    }
}
