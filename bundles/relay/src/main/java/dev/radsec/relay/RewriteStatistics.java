package dev.radsec.relay;

/**
 * What one rewrite did since it was configured.
 *
 * @param name     its name, the {@code <name>} of {@code etc/dev.radsec.rewrite-<name>.cfg}
 * @param problem  empty while it is applied; else why not, with the key at fault (a configuration refused, e.g.
 *                 {@code remove: 'Foo' is not an attribute of the dictionary}). Relays and destinations that name a
 *                 rewrite with a problem drop the packets it would apply to
 * @param packets  packets it was applied to
 * @param touched  packets it changed: at least one attribute removed, added or modified
 * @param removed  attributes it removed ({@code remove}, {@code remove-vendor}, and extra ones {@code set} replaced)
 * @param added    attributes it added ({@code add}, {@code supplement}, and {@code set} where none was present)
 * @param modified attributes whose value it changed ({@code modify}, and {@code set} where one was present)
 * @since 0.2
 */
public record RewriteStatistics(String name, String problem, long packets, long touched, long removed, long added,
        long modified) {
    /** Whether it is applied: configured, and accepted with the dictionary in effect. */
    public boolean active() {
        return problem.isEmpty();
    }
}
