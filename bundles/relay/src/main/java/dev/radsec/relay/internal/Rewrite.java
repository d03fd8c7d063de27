package dev.radsec.relay.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.DataType;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code dev.radsec.rewrite} configuration, compiled once against a dictionary into an immutable list of
 * operations on decoded packets: names resolved to oids, values converted to attributes, regular expressions
 * compiled. Applying it compiles nothing and allocates only when it changes the packet. It runs on the decoded
 * packet, before the relay signs it for the next hop, so Message-Authenticator is computed over what it made and
 * hidden attributes are hidden again for that hop.
 *
 * <p>In this order: {@code remove} and {@code remove-vendor} (every matching attribute), {@code modify} (the first
 * match of the regular expression in each matching text attribute), {@code set} (replaces every matching attribute
 * with its value at the first one's place, or adds it), {@code supplement} (added when no attribute matches), and
 * {@code add} (added unless the packet holds that attribute with that value). Items of one key apply in the order
 * written. radsecproxy's order is remove, modify, supplement, add.
 */
final class Rewrite {
    static final String PID = "dev.radsec.rewrite";

    /** Every key, in the order of the metatype; the first is the instance name. */
    static final List<String> KEYS = List.of("name", "remove", "remove-vendor", "modify", "set", "supplement", "add");

    /** A rewrite's name: the suffix of its file, as the management names instances. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_@-]*(\\.[A-Za-z0-9_@-]+)*");

    final String name;
    final Dictionary dictionary;
    /** The keys nothing reads: typos to warn about. */
    final List<String> unknownKeys;
    private final Operations requests;
    private final Operations replies;

    /** A modify item: which attributes, and what to do to their text. */
    private record Modify(RewriteTarget target, Pattern pattern, Replacement replacement) {
    }

    /** A set, supplement or add item: which attributes count as present, and the attribute to put. */
    private record Put(RewriteTarget target, Attribute attribute) {
    }

    /** The operations that apply to one kind of packet (requests or replies), in the order they run. */
    private record Operations(RewriteTarget[] removes, Modify[] modifies, Put[] sets, Put[] supplements, Put[] adds) {
        boolean isEmpty() {
            return removes.length + modifies.length + sets.length + supplements.length + adds.length == 0;
        }
    }

    private Rewrite(String name, Dictionary dictionary, List<String> unknownKeys, Operations requests,
                    Operations replies) {
        this.name = name;
        this.dictionary = dictionary;
        this.unknownKeys = unknownKeys;
        this.requests = requests;
        this.replies = replies;
    }

    /**
     * Reads and compiles a configuration.
     *
     * @throws InvalidConfigurationException naming the key and the reason: an attribute the dictionary does not
     *                                       define, a value that does not fit its attribute, a regex that does not
     *                                       compile
     */
    static Rewrite compile(Map<String, ?> properties, Dictionary dictionary) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(properties);
        String name = v.instanceName(PID, null);
        if (name == null) {
            throw new InvalidConfigurationException("name", "is required: the <name> of "
                    + "etc/dev.radsec.rewrite-<name>.cfg, or a name key");
        }
        names("name", List.of(name));
        List<RewriteTarget> removes = new ArrayList<>();
        for (RewriteItems.Item item : RewriteItems.parse("remove", v.get("remove"), false)) {
            noValue("remove", item);
            removes.add(RewriteTarget.attribute("remove", item.selector(), dictionary, false));
        }
        for (RewriteItems.Item item : RewriteItems.parse("remove-vendor", v.get("remove-vendor"), false)) {
            noValue("remove-vendor", item);
            removes.add(RewriteTarget.vendor("remove-vendor", item.selector(), dictionary));
        }
        List<Modify> modifies = new ArrayList<>();
        for (RewriteItems.Item item : RewriteItems.parse("modify", v.get("modify"), true)) {
            modifies.add(modify(item, dictionary));
        }
        List<Put> sets = puts("set", v.get("set"), dictionary);
        List<Put> supplements = puts("supplement", v.get("supplement"), dictionary);
        List<Put> adds = puts("add", v.get("add"), dictionary);
        return new Rewrite(name, dictionary, v.unknownKeys(),
                operations(RewriteTarget.Packets.REQUESTS, removes, modifies, sets, supplements, adds),
                operations(RewriteTarget.Packets.REPLIES, removes, modifies, sets, supplements, adds));
    }

    /**
     * Rewrite names as a relay's or a destination's key lists them ({@code a, b}), in order, each spelled as a name
     * can be; whether it is configured is seen when a packet needs it.
     */
    static List<String> names(String key, List<String> names) throws InvalidConfigurationException {
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw InvalidConfigurationException.of(key, n, "is not a rewrite name",
                        "the <name> of etc/dev.radsec.rewrite-<name>.cfg: letters, digits, '-', '_', '@', '.'");
            }
        }
        return List.copyOf(names);
    }

    private static void noValue(String key, RewriteItems.Item item) throws InvalidConfigurationException {
        if (item.value() != null) {
            throw InvalidConfigurationException.of(key, item.selector() + " = " + item.value(), "has a value",
                    "name attributes only");
        }
    }

    private static Modify modify(RewriteItems.Item item, Dictionary dictionary) throws InvalidConfigurationException {
        if (item.value() == null || item.quoted() || !item.value().startsWith("/")) {
            throw InvalidConfigurationException.of("modify", item.selector() + (item.value() == null ? ""
                    : " = " + item.value()), "is not Name = /regex/replacement/", "e.g. User-Name = /^(.*)@local$/$1@example.org/");
        }
        RewriteTarget target = RewriteTarget.attribute("modify", item.selector(), dictionary, false);
        if (target.definition == null || target.definition.type() != DataType.TEXT) {
            throw InvalidConfigurationException.of("modify", item.selector(), "is not a text attribute",
                    "modify changes text (string) attributes");
        }
        RewriteItems.Regex regex = RewriteItems.regex("modify", item.value());
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex.pattern(), regex.ignoreCase()
                    ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw InvalidConfigurationException.of("modify", regex.pattern(), "is not a regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " at " + e.getIndex() : ""), null);
        }
        int groups = pattern.matcher("").groupCount();
        return new Modify(target, pattern, Replacement.parse("modify", regex.replacement(), groups));
    }

    private static List<Put> puts(String key, Object value, Dictionary dictionary) throws InvalidConfigurationException {
        List<Put> puts = new ArrayList<>();
        for (RewriteItems.Item item : RewriteItems.parse(key, value, false)) {
            if (item.value() == null || item.value().isEmpty() && !item.quoted()) {
                throw InvalidConfigurationException.of(key, item.selector(), "has no value", "Name = value");
            }
            RewriteTarget target = RewriteTarget.attribute(key, item.selector(), dictionary, true);
            Attribute attribute;
            try {
                attribute = Attribute.of(target.definition, Math.max(target.tag, 0), item.value());
            } catch (IllegalArgumentException e) {
                throw InvalidConfigurationException.of(key, item.selector() + " = " + item.value(),
                        "is no value of " + target.definition.name() + ": " + e.getMessage(), null);
            }
            puts.add(new Put(target, attribute));
        }
        return puts;
    }

    /** The items of each key that apply to {@code kind}: requests or replies. */
    private static Operations operations(RewriteTarget.Packets kind, List<RewriteTarget> removes, List<Modify> modifies,
                                         List<Put> sets, List<Put> supplements, List<Put> adds) {
        return new Operations(
                removes.stream().filter(t -> applies(t, kind)).toArray(RewriteTarget[]::new),
                modifies.stream().filter(m -> applies(m.target(), kind)).toArray(Modify[]::new),
                sets.stream().filter(p -> applies(p.target(), kind)).toArray(Put[]::new),
                supplements.stream().filter(p -> applies(p.target(), kind)).toArray(Put[]::new),
                adds.stream().filter(p -> applies(p.target(), kind)).toArray(Put[]::new));
    }

    private static boolean applies(RewriteTarget target, RewriteTarget.Packets kind) {
        return target.packets == RewriteTarget.Packets.ANY || target.packets == kind;
    }

    /** Whether it does nothing to any packet. */
    boolean isEmpty() {
        return requests.isEmpty() && replies.isEmpty();
    }

    /**
     * The packet rewritten, counted in {@code counters}; {@code packet} itself when nothing changed.
     */
    RadiusPacket apply(RadiusPacket packet, RewriteCounters counters) {
        counters.packets.increment();
        Operations ops = packet.code().isRequest() ? requests : replies;
        if (ops.isEmpty()) {
            return packet;
        }
        Work w = new Work(packet.attributes());
        for (RewriteTarget t : ops.removes) {
            w.remove(t);
        }
        for (Modify m : ops.modifies) {
            w.modify(m);
        }
        for (Put p : ops.sets) {
            w.set(p);
        }
        for (Put p : ops.supplements) {
            if (w.indexOf(p.target(), 0) < 0) {
                w.append(p.attribute());
            }
        }
        for (Put p : ops.adds) {
            if (!w.holds(p)) {
                w.append(p.attribute());
            }
        }
        if (w.removed + w.added + w.modified == 0) {
            return packet;
        }
        counters.touched.increment();
        counters.removed.add(w.removed);
        counters.added.add(w.added);
        counters.modified.add(w.modified);
        RadiusPacket.Builder b = RadiusPacket.builder(packet.code(), packet.dictionary())
                .identifier(packet.identifier());
        byte[] authenticator = packet.authenticator();
        if (!allZero(authenticator)) {
            b.authenticator(authenticator); // CHAP without CHAP-Challenge still needs the NAS's
        }
        return b.addAll(w.list).build();
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The attributes being rewritten: the packet's own list until the first change, then a copy. */
    private static final class Work {
        List<Attribute> list;
        private boolean copied;
        int removed;
        int added;
        int modified;

        Work(List<Attribute> attributes) {
            this.list = attributes;
        }

        private List<Attribute> writable() {
            if (!copied) {
                list = new ArrayList<>(list);
                copied = true;
            }
            return list;
        }

        int indexOf(RewriteTarget t, int from) {
            for (int i = from; i < list.size(); i++) {
                if (t.matches(list.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        void remove(RewriteTarget t) {
            int i = indexOf(t, 0);
            while (i >= 0) {
                writable().remove(i);
                removed++;
                i = indexOf(t, i);
            }
        }

        void modify(Modify m) {
            for (int i = indexOf(m.target(), 0); i >= 0; i = indexOf(m.target(), i + 1)) {
                Attribute a = list.get(i);
                if (a.definition().type() != DataType.TEXT) {
                    continue; // raw: its octets did not parse as text
                }
                String value = a.asString();
                Matcher matcher = m.pattern().matcher(value);
                if (!matcher.find()) {
                    continue;
                }
                String next = m.replacement().apply(value, matcher);
                if (next.equals(value)) {
                    continue;
                }
                try {
                    writable().set(i, Attribute.of(a.definition(), a.tag(), next));
                    modified++;
                } catch (IllegalArgumentException tooLong) {
                    // the result does not fit the attribute (over 253 octets, or empty): the value stays
                }
            }
        }

        void set(Put p) {
            int first = indexOf(p.target(), 0);
            if (first < 0) {
                append(p.attribute());
                return;
            }
            int next = indexOf(p.target(), first + 1);
            if (next < 0 && same(list.get(first), p.attribute())) {
                return; // already so
            }
            writable().set(first, p.attribute());
            modified++;
            for (; next >= 0; next = indexOf(p.target(), next)) {
                writable().remove(next);
                removed++;
            }
        }

        /** Whether an attribute the put's target names has its value. */
        boolean holds(Put p) {
            for (int i = indexOf(p.target(), 0); i >= 0; i = indexOf(p.target(), i + 1)) {
                if (same(list.get(i), p.attribute())) {
                    return true;
                }
            }
            return false;
        }

        void append(Attribute a) {
            writable().add(a);
            added++;
        }

        private static boolean same(Attribute a, Attribute b) {
            return a.tag() == b.tag() && a.length() == b.length() && Arrays.equals(a.bytes(), b.bytes());
        }
    }

    @Override
    public String toString() {
        return "rewrite " + name;
    }
}
