package dev.radsec.codec;

/** A dictionary file that cannot be read: names the file, the line and the reason. */
public final class DictionaryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public DictionaryException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    public DictionaryException(String file, int line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
    }

    /** The file, as it was named (a path or a bundled resource name). */
    public String file() {
        return file;
    }

    /** 1-based line number; 0 when the file itself could not be opened. */
    public int line() {
        return line;
    }
}
