package dev.radsec.management.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets a {@code clients} value holds: {@code 10.0.0.0/8 secret-a, 192.0.2.0/24} gives network 10.0.0.0/8
 * its own secret. Shown, each reads {@link KeyValues#MASK}; written back with the mask (as JConsole shows it), a
 * network keeps the secret it has.
 */
final class ClientSecrets {
    /** The key of relays, listeners and incoming that lists client networks with their secrets. */
    static final String KEY = "clients";

    private ClientSecrets() {
    }

    /** {@code clients} with every network's secret shown as the mask. */
    static String masked(String clients) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : networks(clients).entrySet()) {
            out.add(e.getValue() == null ? e.getKey() : e.getKey() + " " + KeyValues.MASK);
        }
        return String.join(", ", out);
    }

    /** The secrets {@code clients} gives networks. */
    static List<String> secrets(String clients) {
        List<String> out = new ArrayList<>();
        networks(clients).values().forEach(s -> {
            if (s != null) {
                out.add(s);
            }
        });
        return out;
    }

    /**
     * {@code given} with each masked secret replaced by the secret its network has in {@code stored}.
     *
     * @throws IllegalArgumentException for a masked network that has no secret stored
     */
    static String unmasked(String given, String stored) {
        Map<String, String> known = networks(stored == null ? "" : stored);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : networks(given).entrySet()) {
            String secret = e.getValue();
            if (KeyValues.MASK.equals(secret)) {
                secret = known.get(e.getKey());
                if (secret == null) {
                    throw new IllegalArgumentException(KEY + ": " + e.getKey() + " has no secret to keep; give it "
                            + "instead of " + KeyValues.MASK);
                }
            }
            out.add(secret == null ? e.getKey() : e.getKey() + " " + secret);
        }
        return String.join(", ", out);
    }

    /** Network to its secret (null: none), in order. */
    private static Map<String, String> networks(String clients) {
        Map<String, String> networks = new LinkedHashMap<>();
        for (String entry : clients.split(",")) {
            String[] words = entry.trim().split("\\s+", 2);
            if (!words[0].isEmpty()) {
                networks.put(words[0], words.length > 1 && !words[1].isBlank() ? words[1].trim() : null);
            }
        }
        return networks;
    }
}
