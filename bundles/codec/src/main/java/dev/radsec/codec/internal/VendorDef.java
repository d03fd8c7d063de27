package dev.radsec.codec.internal;

import dev.radsec.codec.Vendor;
import java.util.HashMap;
import java.util.Map;

/** A dictionary vendor and its Vendor-Specific sub-attributes. Written only while a dictionary loads. */
public final class VendorDef implements Vendor {
    private final int id;
    private final String name;
    private int typeWidth;
    private int lengthWidth;
    private boolean continuation;
    final Map<Integer, AttributeDef> attributes = new HashMap<>();

    VendorDef(int id, String name, int typeWidth, int lengthWidth, boolean continuation) {
        this.id = id;
        this.name = name;
        this.typeWidth = typeWidth;
        this.lengthWidth = lengthWidth;
        this.continuation = continuation;
    }

    /** A vendor no dictionary names: FreeRADIUS's default 1,1 format. */
    static VendorDef unknown(int id) {
        return new VendorDef(id, "Vendor-" + Integer.toUnsignedString(id), 1, 1, false);
    }

    void setFormat(int typeWidth, int lengthWidth, boolean continuation) {
        this.typeWidth = typeWidth;
        this.lengthWidth = lengthWidth;
        this.continuation = continuation;
    }

    AttributeDef attribute(int type) {
        return attributes.get(type);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int typeWidth() {
        return typeWidth;
    }

    @Override
    public int lengthWidth() {
        return lengthWidth;
    }

    @Override
    public boolean hasContinuation() {
        return continuation;
    }

    /** Octets of a sub-attribute header in {@code v}'s format: type, length and the continuation octet. */
    static int headerLength(Vendor v) {
        return v.typeWidth() + v.lengthWidth() + (v.hasContinuation() ? 1 : 0);
    }

    @Override
    public String toString() {
        return name + "(" + Integer.toUnsignedString(id) + ")";
    }
}
