package dev.radsec.management.internal.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An option whose value names an enum constant the way an operator types it: lower case with dashes. */
final class EnumOption {
    private EnumOption() {
    }

    /**
     * The constant {@code value} names, e.g. {@code ec-p256} for {@code EC_P256}; empty, after printing the option,
     * the value and the choices to standard error, when it names none.
     */
    static <E extends Enum<E>> Optional<E> parse(String option, String value, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            System.err.println(option + ": '" + value + "' is none of " + choices(type));
            return Optional.empty();
        }
    }

    /** The constants as typed, e.g. {@code ec-p256, rsa-2048, rsa-3072}. */
    static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
