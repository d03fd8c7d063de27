package dev.radsec.common;

import java.nio.file.Path;
import java.util.Collection;

/** Tells when files change, so credentials and dictionaries reload without polling. */
public interface FileWatcher extends AutoCloseable {

    /**
     * Calls {@code onChange} (on the watcher's thread, or on the caller's before this returns) whenever one of
     * {@code paths}, or a file inside one of them that is a directory, is created, modified, moved or deleted.
     * Replaces an earlier registration of {@code owner}. A change made once this is called is reported, however soon
     * after its directory appeared; the caller reads the files after watching them, so nothing before is missed.
     */
    void watch(Object owner, Collection<Path> paths, Runnable onChange);

    void unwatch(Object owner);

    @Override
    void close();
}
