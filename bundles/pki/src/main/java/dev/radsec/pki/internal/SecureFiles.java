package dev.radsec.pki.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * File operations for keys and CA state: files created owner-only (0600) from the start, atomic replacement,
 * durable appends and private directories. Content is forced to disk before a call returns: what a caller
 * reports as written (a CA's record of an issued serial, say) survives a crash.
 */
final class SecureFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private SecureFiles() {
    }

    /**
     * Creates a new file with {@code content}; fails when it exists. With {@code ownerOnly} the file is created with
     * mode 0600 (on file systems without POSIX permissions: restricted to its owner right after creation, before
     * anything is written). A file that could not be written completely is deleted.
     */
    static void createFile(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SeekableByteChannel channel;
        boolean restrictAfter = false;
        if (ownerOnly) {
            try {
                channel = Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                channel = Files.newByteChannel(file, options);
                restrictAfter = true;
            }
        } else {
            channel = Files.newByteChannel(file, options);
        }
        boolean done = false;
        try (SeekableByteChannel c = channel) {
            if (restrictAfter) {
                restrictToOwner(file);
            }
            writeFully(c, content);
            if (c instanceof FileChannel) {
                ((FileChannel) c).force(true);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Replaces {@code file} with {@code content} atomically: writes a temporary file in the same directory and
     * moves it over the old one. Mode 0600 with {@code ownerOnly}, else 0644.
     */
    static void replaceAtomically(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            // Created 0600 where POSIX permissions exist.
            temp = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
            if (ownerOnly) {
                restrictToOwner(temp);
            } else {
                try {
                    Files.setPosixFilePermissions(temp, WORLD_READABLE);
                } catch (UnsupportedOperationException notPosix) {
                    // keep the file system's default
                }
            }
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(c, content);
                c.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            syncDirectory(directory);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Deletes {@code file} if it exists, durably: the directory entry's removal is forced to disk too. */
    static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /**
     * Forces a directory's entries to disk, so that a rename or deletion in it survives a crash. Best effort: some
     * file systems and platforms cannot open a directory for that, and then the rename is as durable as they make it.
     */
    static void syncDirectory(Path directory) {
        try (FileChannel c = FileChannel.open(directory, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open directories; the move itself is still atomic there
        }
    }

    /** Appends {@code content} to {@code file} (created when missing) and forces it to disk. */
    static void append(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeFully(channel, content);
            channel.force(true);
        }
    }

    /** Creates a directory with mode 0700 (its missing parents are created normally). Exists already: unchanged. */
    static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        createParent(directory);
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(directory);
            restrictToOwner(directory);
        }
    }

    /** Creates the missing directories above {@code path}, with the file system's default mode. */
    static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static void writeFully(SeekableByteChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Best effort on any file system: POSIX 0600/0700, else an owner-only ACL, else java.io.File flags. */
    private static void restrictToOwner(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        try {
            Files.setPosixFilePermissions(path, directory ? OWNER_ONLY_DIRECTORY : OWNER_ONLY);
            return;
        } catch (UnsupportedOperationException notPosix) {
            // try ACLs
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            AclEntry ownerOnly = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
            acl.setAcl(List.of(ownerOnly));
            return;
        }
        File f = path.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
        if (directory) {
            f.setExecutable(false, false);
            f.setExecutable(true, true);
        }
    }
}
