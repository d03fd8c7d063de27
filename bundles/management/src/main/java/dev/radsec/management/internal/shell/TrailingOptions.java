package dev.radsec.management.internal.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options written after a command's arguments, as the documented forms have them
 * ({@code radsec:monitor 1 --interval 5}, {@code radsec:ca-issue ap-1 --dns ap-1.example}). Karaf's parser stops
 * reading options at the first argument, so such commands take the rest as a multi-valued argument and read the
 * {@code --name value} pairs here.
 */
final class TrailingOptions {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private TrailingOptions() {
    }

    /**
     * @throws IllegalArgumentException naming what is not understood: an unknown option or one without a value
     */
    static TrailingOptions parse(List<String> words, Set<String> known) {
        TrailingOptions o = new TrailingOptions();
        for (int i = 0; words != null && i < words.size(); i += 2) {
            String name = words.get(i);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not an option here; options: " + known);
            }
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(words.get(i + 1));
        }
        return o;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The option's last value as a number, or {@code otherwise} when it was not given. */
    int number(String name, int otherwise) {
        List<String> v = all(name);
        if (v.isEmpty()) {
            return otherwise;
        }
        String last = v.get(v.size() - 1);
        try {
            return Integer.parseInt(last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + last + "' is not a number");
        }
    }

    String text(String name, String otherwise) {
        List<String> v = all(name);
        return v.isEmpty() ? otherwise : v.get(v.size() - 1);
    }
}
