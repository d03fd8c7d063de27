package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which configurations use which pre-shared key, and in which direction: RFC 9813 section 4.2 forbids one PSK for
 * both outgoing connections (a destination's {@code tls-psk}) and incoming ones (a listener's or relay's), so a
 * configuration that would do so is refused with the other user named. Shared by both sides of one transport.
 */
final class PskDirections {
    enum Direction {
        OUTGOING("outgoing connections"), INCOMING("incoming connections");

        private final String text;

        Direction(String text) {
            this.text = text;
        }
    }


    /** Per configuration (its PID): the keys it uses and the direction. */
    private final Map<String, Map.Entry<Direction, Collection<String>>> byOwner = new HashMap<>();

    /**
     * Records that {@code owner} uses {@code psks} in {@code direction}, replacing what it used before.
     *
     * @throws InvalidConfigurationException on {@code tls-psk} when another configuration uses one of them the other way
     */
    synchronized void claim(String owner, Direction direction, Collection<String> psks)
            throws InvalidConfigurationException {
        for (String psk : psks) {
            for (Map.Entry<String, Map.Entry<Direction, Collection<String>>> e : byOwner.entrySet()) {
                if (!e.getKey().equals(owner) && e.getValue().getKey() != direction && e.getValue().getValue().contains(psk)) {
                    throw new InvalidConfigurationException("tls-psk", "pre-shared key '" + psk + "' is used for "
                            + e.getValue().getKey().text + " by " + e.getKey() + "; RFC 9813 forbids one key for both "
                            + "directions: configure a second key");
                }
            }
        }
        if (psks.isEmpty()) {
            byOwner.remove(owner);
        } else {
            byOwner.put(owner, Map.entry(direction, List.copyOf(psks)));
        }
    }

    synchronized void release(String owner) {
        byOwner.remove(owner);
    }
}
