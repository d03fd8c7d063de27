package dev.radsec.common;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Files written whole or not at all: the one way the RadSec bundles write a file of their own (keys, certificates,
 * CRLs, the CA's records, the users file, trust anchors, PKCS#12 files, cfg files).
 *
 * <p>{@link #write} and {@link #create} write the content into a temporary file in the same directory, force it to
 * disk, rename it to its name in one step and force the directory, so that:
 * <ul>
 *   <li>a reader, or a restart after {@code kill -9}, a crash of the machine or a power cut, finds the old file or
 *       the new one, complete, never part of one (rename replaces a directory entry atomically, and the content is on
 *       disk before the entry names it);</li>
 *   <li>once the call returns, the new file survives a crash (the directory entry is on disk too);</li>
 *   <li>the temporary file has the final permissions from its creation, before any content is in it: a private
 *       key is never readable by others, not even for a moment under another name.</li>
 * </ul>
 *
 * <p>Temporary files are named {@code .<name>.<pid>-<token>-<random>.tmp}: hidden, never {@code *.cfg} (which
 * FileInstall would read), {@code *.pem}, {@code *.crt} or {@code *.key}, and told apart by {@link #isTemporary}.
 * A writer killed mid-write leaves its temporary file behind; the next write into the same directory by a later
 * process deletes the ones whose process is gone.
 *
 * <p>Writing through a symbolic link replaces the file it points to (in that file's directory) and keeps the link.
 *
 * <p>One update made of several files is not atomic as a whole: its writer orders the files so that a crash between
 * two leaves a state it can load, and says so where it writes them. Where a file system cannot rename atomically (no
 * local Linux one), the rename falls back to a plain replacement. Writers of the same file must be serialised by
 * their caller; different files may be written concurrently.
 */
public final class AtomicFiles {
    /** {@code rw-------}: private keys, PKCS#12 files, the users file. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** {@code rw-r--r--}: certificates, CRLs and other public material. */
    public static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    /** {@code rwx------}: a directory only its owner may enter, such as the CA's. */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final String SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** This process: {@code <pid>-<token>}; the token tells it from an earlier process that had the same pid. */
    private static final String WRITER = ProcessHandle.current().pid() + "-" + randomHex(4);

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} as {@code file}, replacing the file if it exists, atomically and durably (see the class
     * description). The file gets exactly {@code permissions} where the file system has POSIX permissions; where it
     * has not, permissions without group and other bits restrict the file to its owner (an ACL), others leave the
     * file system's default.
     *
     * @throws IOException the file could not be written; it is then as it was, and no temporary file is left
     */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        publish(file, content, permissions, false);
    }

    /**
     * Writes {@code content} as {@code file} like {@link #write(Path, byte[], Set)}, keeping the POSIX permissions of
     * the file it replaces (an operator's {@code chmod 600} of a cfg file holding a secret stays); a new file gets the
     * file system's default for a new file (0666 less the umask).
     */
    public static void write(Path file, byte[] content) throws IOException {
        publish(file, content, currentPermissions(file), false); // through a link: its target's permissions
    }

    /**
     * Writes {@code content} as the new file {@code file}, atomically and durably, with {@code permissions} as
     * {@link #write(Path, byte[], Set)}; never replaces a file. The name is taken in one step (a hard link to the
     * complete temporary file), so a concurrent creator or a crash never leaves a partial file under it.
     *
     * @throws FileAlreadyExistsException {@code file} exists; it is left as it is
     */
    public static void create(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        publish(file, content, permissions, true);
    }

    /**
     * Deletes {@code file} if it exists, durably: the directory is forced to disk, so the file does not come back
     * after a crash.
     *
     * @return whether there was a file to delete
     */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            forceDirectory(directoryOf(file));
        }
        return deleted;
    }

    /**
     * Renames {@code source} to {@code target} in the same directory in one step, replacing {@code target} if it
     * exists, and forces the directory: after a crash the file is under one name or the other.
     */
    public static void move(Path source, Path target) throws IOException {
        rename(source, target);
        forceDirectory(directoryOf(target));
    }

    /**
     * Creates {@code directory} with {@code permissions} (null: the file system's default) and its missing parents
     * with the default, each forced into its parent directory so that files written into it survive a crash with it.
     * A directory that exists is left as it is.
     */
    public static void createDirectories(Path directory, Set<PosixFilePermission> permissions) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent, null);
        }
        try {
            if (permissions == null) {
                Files.createDirectory(absolute);
            } else {
                createDirectoryWith(absolute, permissions);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            return; // made meanwhile by someone else
        }
        if (parent != null) {
            forceDirectory(parent);
        }
    }

    /** Whether {@code file} is the name of one of this class's temporary files, which no reader should take. */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        return s.startsWith(".") && s.endsWith(SUFFIX) && writerOf(s) != null;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private static void publish(Path named, byte[] content, Set<PosixFilePermission> permissions, boolean createNew)
            throws IOException {
        Path file = createNew ? named : linkTarget(named);
        Path directory = directoryOf(file);
        String name = file.getFileName().toString();
        if (createNew && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        removeLeftovers(directory);
        Path temp = createTemporary(directory, name, permissions);
        boolean published = false;
        try {
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    c.write(bytes);
                }
                c.force(true); // the content is on disk before any name points at it
            }
            if (createNew) {
                link(temp, file);
            } else {
                rename(temp, file);
                published = true;
            }
        } finally {
            if (!published) {
                Files.deleteIfExists(temp); // after link(): the temporary name only; the file keeps the content
            }
        }
        forceDirectory(directory); // the new entry (and the temporary one's removal) survive a crash
    }

    /** A new, empty temporary file next to {@code name}, with its final permissions from the start. */
    private static Path createTemporary(Path directory, String name, Set<PosixFilePermission> permissions)
            throws IOException {
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
        while (true) {
            Path temp = directory.resolve("." + name + "." + WRITER + "-" + randomHex(6) + SUFFIX);
            try {
                if (permissions != null && posix) {
                    // The umask can only take bits away at creation; set exactly what was asked for (a public file
                    // may get back r--r--), and only then write.
                    Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
                    Files.setPosixFilePermissions(temp, permissions);
                } else {
                    Files.createFile(temp);
                    if (permissions != null && ownerOnly(permissions)) {
                        restrictToOwner(temp);
                    }
                }
                return temp;
            } catch (FileAlreadyExistsException taken) {
                // another random name
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
    }

    /** A symbolic link's target, so that a write replaces the file it points to and keeps the link. */
    private static Path linkTarget(Path file) throws IOException {
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        try {
            return file.toRealPath();
        } catch (NoSuchFileException dangling) {
            return file; // nothing to point to: the link is replaced
        }
    }

    private static void rename(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Gives the complete temporary file the name {@code file}, failing if that exists: link(2) takes a name only when
     * it is free, in one step (rename(2) would replace it). File systems without hard links: a check, then rename.
     */
    private static void link(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // FAT, some network and FUSE file systems
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes the temporary files in {@code directory} that processes which are gone left behind (killed mid-write).
     * A live process's, this one's included, are never touched: they may be in the middle of a write.
     */
    private static void removeLeftovers(Path directory) {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, AtomicFiles::isTemporary)) {
            for (Path p : entries) {
                String writer = writerOf(p.getFileName().toString());
                if (!writer.equals(WRITER) && !alive(writer)) {
                    leftovers.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // tidying is best effort; the write does not depend on it
        }
        for (Path p : leftovers) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // someone else's file, or gone: leave it
            }
        }
    }

    /** {@code <pid>-<token>} of a temporary file name, or null when the name is not one of ours. */
    private static String writerOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return null;
        }
        String rest = fileName.substring(0, fileName.length() - SUFFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String[] parts = rest.substring(dot + 1).split("-");
        if (parts.length != 3 || parts[0].isEmpty() || !parts[0].chars().allMatch(Character::isDigit)
                || parts[1].length() != 8 || parts[2].length() != 12 || !isHex(parts[1]) || !isHex(parts[2])) {
            return null;
        }
        return parts[0] + "-" + parts[1];
    }

    /**
     * Whether the process that wrote as {@code writer} may still be running: a live process with that pid. A pid
     * taken by another process since errs on the safe side (its leftovers stay); this process is told apart by its
     * token.
     */
    private static boolean alive(String writer) {
        String pid = writer.substring(0, writer.indexOf('-'));
        if (writer.startsWith(ProcessHandle.current().pid() + "-")) {
            return false; // our pid, another token: an earlier process that had it (a container restarted)
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | SecurityException | UnsupportedOperationException e) {
            return true;
        }
    }

    private static Set<PosixFilePermission> currentPermissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void createDirectoryWith(Path directory, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(permissions));
            Files.setPosixFilePermissions(directory, permissions);
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(directory);
            if (ownerOnly(permissions)) {
                restrictToOwner(directory);
            }
        }
    }

    /**
     * Forces a directory's entries to disk, so that a rename or deletion in it survives a crash. Best effort: some
     * platforms (Windows) cannot open a directory for that; the rename is then as durable as they make it.
     */
    private static void forceDirectory(Path directory) {
        try (FileChannel c = FileChannel.open(directory, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // nothing more can be done here
        }
    }

    private static Path directoryOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException(file + " has no directory");
        }
        return parent;
    }

    private static boolean ownerOnly(Set<PosixFilePermission> permissions) {
        return permissions.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }

    /** Without POSIX permissions: an ACL granting the owner alone, else java.io.File's owner-only flags. */
    private static void restrictToOwner(Path path) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            AclEntry owner = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
            acl.setAcl(List.of(owner));
            return;
        }
        File f = path.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
        if (Files.isDirectory(path)) {
            f.setExecutable(false, false);
            f.setExecutable(true, true);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
