package dev.radsec.codec.internal;

import dev.radsec.codec.DictionaryException;

/**
 * The line of a dictionary file being parsed: where errors point, and the field syntax every keyword shares
 * (decimal or {@code 0x} numbers with a range, dotted attribute numbers, a minimum field count).
 */
final class DictionaryLine {
    private final String file;
    private int number;

    DictionaryLine(String file) {
        this.file = file;
    }

    /** Moves on to the next line. */
    void advance() {
        number++;
    }

    String file() {
        return file;
    }

    int number() {
        return number;
    }

    DictionaryException error(String reason) {
        return new DictionaryException(file, number, reason);
    }

    void need(String[] fields, int n, String usage) throws DictionaryException {
        if (fields.length < n) {
            throw error("expected: " + usage);
        }
    }

    long number(String text, long max, String what) throws DictionaryException {
        long n;
        try {
            n = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(what + " '" + text + "' is not a number");
        }
        return check(n, max, what);
    }

    long check(long n, long max, String what) throws DictionaryException {
        if (n < 0 || n > max) {
            throw error(what + " " + n + " is outside 0.." + max);
        }
        return n;
    }

    /** A dotted attribute number such as {@code 241.26.9.1}: one number at least, none of them empty. */
    long[] oid(String text) throws DictionaryException {
        String[] parts = text.split("\\.", -1); // -1 keeps the empty parts of "1." and ".", to refuse them
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw error("attribute number '" + text + "' has an empty part");
            }
            out[i] = number(parts[i], 0xFFFFFFFFL, "attribute number");
        }
        return out;
    }
}
