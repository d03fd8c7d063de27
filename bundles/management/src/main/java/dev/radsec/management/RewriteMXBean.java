package dev.radsec.management;

/**
 * One rewrite ({@code dev.radsec.rewrite} configuration, {@code etc/dev.radsec.rewrite-<name>.cfg}),
 * {@code dev.radsec:type=Rewrite,name=<name>}: what it did, and its settings.
 *
 * <p>The counters start at zero when the rewrite is configured and keep counting across changes of its
 * configuration. Settings are the keys of {@code dev.radsec.rewrite} ({@code RemoveVendor} is {@code remove-vendor});
 * their JMX description is the key's metatype. They read as stored in the rewrite's cfg file and are writable: a
 * write goes through ConfigAdmin into the file, validated as the file is (an attribute the dictionary does not
 * define, or a regular expression that does not compile, fails with {@code key: reason}, and the running rewrite
 * stays). Create and remove rewrites with {@link RewritesMXBean}.
 *
 * @since 0.6
 */
public interface RewriteMXBean {
    /** The rewrite's name: its {@code name} key, else the name of its file. Read-only: a new name is a new rewrite. */
    String getName();

    /** Whether relays apply it: configured, and accepted with the dictionary in effect. */
    boolean isActive();

    /**
     * Empty while it is applied; else why not, with the key at fault. Relays and destinations that name a rewrite
     * that is not applied drop the packets it would apply to.
     */
    String getProblem();

    /** Packets it was applied to. */
    long getPackets();

    /** Packets it changed: at least one attribute removed, added or modified. */
    long getTouched();

    /** Attributes it removed ({@code remove}, {@code remove-vendor}, and the extra ones {@code set} replaced). */
    long getRemoved();

    /** Attributes it added ({@code add}, {@code supplement}, and {@code set} where none was present). */
    long getAdded();

    /** Attributes whose value it changed ({@code modify}, and {@code set} where one was present). */
    long getModified();

    // ---------------------------------------------------------------- settings (cfg keys)

    /** {@code remove}: attributes to remove, {@code reply:Tunnel-Type, Attr-26.9.1}. */
    String getRemove();

    void setRemove(String attributes);

    /** {@code remove-vendor}: vendors, or {@code vendor:type}, whose attributes to remove, {@code 9, 311:16}. */
    String getRemoveVendor();

    void setRemoveVendor(String vendors);

    /** {@code modify}: {@code Name = /regex/replacement/} items. */
    String getModify();

    void setModify(String items);

    /** {@code set}: {@code Name = value} items, replacing any present. */
    String getSet();

    void setSet(String items);

    /** {@code supplement}: {@code Name = value} items, added where the packet has none. */
    String getSupplement();

    void setSupplement(String items);

    /** {@code add}: {@code Name = value} items, added unless the packet holds that value. */
    String getAdd();

    void setAdd(String items);
}
