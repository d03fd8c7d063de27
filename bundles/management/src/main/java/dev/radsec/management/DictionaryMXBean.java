package dev.radsec.management;

/**
 * The RADIUS dictionary every bundle decodes with ({@code dev.radsec.dictionary}), {@code dev.radsec:type=Dictionary}:
 * the bundled one, and an operator's FreeRADIUS dictionary tree on top when {@code path} names one.
 *
 * <p>{@code Path} reads as stored in {@code etc/dev.radsec.dictionary.cfg} and is writable: a write goes through
 * ConfigAdmin into that file, validated as the file is (a tree that does not load fails with an
 * {@link IllegalArgumentException} {@code path: } and the file, line and reason, and the dictionary in use stays).
 * An empty value removes it: the bundled dictionary only.
 */
public interface DictionaryMXBean {
    /** {@code path}: the operator's dictionary file (and what it includes), relative to {@code etc/} unless absolute. */
    String getPath();

    void setPath(String path);

    /** How many named attributes the dictionary in use defines, vendors' included. */
    int getAttributeCount();

    /** How many vendors the dictionary in use defines. */
    int getVendorCount();

    /** The files the dictionary in use was read from, in the order read; empty for the bundled one only. */
    String[] getFiles();

    /**
     * Why the configured {@code path} is not the dictionary in use (its file, line and reason), while the last good
     * one stays; empty when it is in use or none is configured. A tree edited on disk is reloaded once it loads.
     */
    String getLoadError();
}
