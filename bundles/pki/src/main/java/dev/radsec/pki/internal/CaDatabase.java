package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.common.AtomicFiles;
import dev.radsec.pki.CaException;
import dev.radsec.pki.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The organisation CA's records, plain text files in its directory so that an operator can read them and back
 * them up with the CA:
 * <ul>
 * <li>{@code issued.txt}: one line per certificate issued ({@code <serial hex> <notAfter> <subject>}), so that only
 * those can be revoked and no serial is used twice;</li>
 * <li>{@code revoked.txt}: one line per revocation ({@code <serial hex> <revocation time> <reason>}), what every CRL
 * lists;</li>
 * <li>{@code crlnumber}: the last cRLNumber used, so every CRL published has a larger one.</li>
 * </ul>
 * Each file is replaced whole by every change ({@link AtomicFiles#write}), so a crash leaves the old or the new
 * version of each. Not thread-safe: {@link OrganisationCaImpl} calls it under its lock.
 */
final class CaDatabase {
    static final String ISSUED = "issued.txt";
    static final String REVOKED = "revoked.txt";
    static final String CRL_NUMBER = "crlnumber";

    /** One revocation, as a CRL entry lists it. */
    record Revocation(BigInteger serial, Instant time, RevocationReason reason) {
    }

    private final Path directory;

    CaDatabase(Path directory) {
        this.directory = directory;
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    /**
     * Forgets what an earlier CA in this directory (whose files were removed) issued and revoked: none of it applies
     * to a new one. The CRL number is kept, so it still only grows.
     */
    void reset() throws CaException {
        try {
            AtomicFiles.write(file(ISSUED), new byte[0], AtomicFiles.READABLE);
            AtomicFiles.write(file(REVOKED), new byte[0], AtomicFiles.READABLE);
        } catch (IOException e) {
            throw new CaException("cannot write the CA state in " + directory + ": " + describe(e), e);
        }
    }

    /** Every serial issued. */
    Set<BigInteger> issuedSerials() throws CaException {
        Set<BigInteger> issued = new LinkedHashSet<>();
        Path file = file(ISSUED);
        for (Map.Entry<Integer, String> record : records(file).entrySet()) {
            issued.add(parseSerial(file, record.getKey(), record.getValue().split(" ", 2)[0]));
        }
        return issued;
    }

    /**
     * Records an issued certificate, durably: before anyone gets the certificate, so it can always be revoked. The
     * file is written again whole (not appended to), so a crash cannot leave half a line.
     */
    void recordIssued(BigInteger serial, Instant notAfter, String subject) throws CaException {
        Path file = file(ISSUED);
        String line = serial.toString(16) + " " + notAfter + " " + subject + "\n";
        try {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException first) {
                text = "";
            }
            if (!text.isEmpty() && !text.endsWith("\n")) {
                text += "\n"; // a last line an operator typed without its newline
            }
            AtomicFiles.write(file, (text + line).getBytes(StandardCharsets.UTF_8), AtomicFiles.READABLE);
        } catch (IOException e) {
            throw new CaException("cannot record the issued serial in " + file + ": " + describe(e), e);
        }
    }

    /**
     * Records the revocation of an issued serial that is not revoked yet.
     *
     * @return every revocation, this one last: what the next CRL lists
     */
    List<Revocation> revoke(BigInteger serial, Instant time, RevocationReason reason) throws CaException {
        if (!issuedSerials().contains(serial)) {
            throw new CaException("serial " + serial.toString(16) + " was not issued by this CA (it is not in "
                    + file(ISSUED) + ")");
        }
        List<Revocation> revoked = new ArrayList<>(revocations());
        for (Revocation r : revoked) {
            if (r.serial().equals(serial)) {
                throw new CaException("serial " + serial.toString(16) + " is already revoked (at " + r.time() + ", "
                        + r.reason() + ")");
            }
        }
        revoked.add(new Revocation(serial, time, reason));
        StringBuilder text = new StringBuilder();
        for (Revocation r : revoked) {
            text.append(r.serial().toString(16)).append(' ').append(r.time()).append(' ').append(r.reason().name())
                    .append('\n');
        }
        try {
            AtomicFiles.write(file(REVOKED), text.toString().getBytes(StandardCharsets.UTF_8), AtomicFiles.READABLE);
        } catch (IOException e) {
            throw new CaException("cannot write " + file(REVOKED) + ": " + describe(e), e);
        }
        return revoked;
    }

    /** Every revocation recorded, in order. */
    List<Revocation> revocations() throws CaException {
        List<Revocation> revoked = new ArrayList<>();
        Path file = file(REVOKED);
        for (Map.Entry<Integer, String> record : records(file).entrySet()) {
            int line = record.getKey();
            String[] parts = record.getValue().split("\\s+");
            if (parts.length != 3) {
                throw new CaException(file + " line " + line + ": expected <serial hex> <time> <reason>");
            }
            try {
                revoked.add(new Revocation(parseSerial(file, line, parts[0]), Instant.parse(parts[1]),
                        RevocationReason.valueOf(parts[2])));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new CaException(file + " line " + line + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(revoked);
    }

    /** The next cRLNumber, recorded before use so that no number is published twice. */
    BigInteger nextCrlNumber() throws CaException {
        Path counter = file(CRL_NUMBER);
        BigInteger last = BigInteger.ZERO;
        try {
            String text = new String(Files.readAllBytes(counter), StandardCharsets.US_ASCII).trim();
            if (!text.isEmpty()) {
                last = new BigInteger(text);
            }
        } catch (NoSuchFileException e) {
            // first CRL
        } catch (IOException | NumberFormatException e) {
            throw new CaException(counter + " is unreadable: " + describe(e), e);
        }
        BigInteger next = last.add(BigInteger.ONE);
        try {
            AtomicFiles.write(counter, (next + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.READABLE);
        } catch (IOException e) {
            throw new CaException("cannot write " + counter + ": " + describe(e), e);
        }
        return next;
    }

    private static BigInteger parseSerial(Path file, int line, String hex) throws CaException {
        try {
            return new BigInteger(hex, 16);
        } catch (NumberFormatException e) {
            throw new CaException(file + " line " + line + ": not a hexadecimal serial: " + hex, e);
        }
    }

    /** The record lines of a file, trimmed, by line number: blank lines and # comments are not records. */
    private static Map<Integer, String> records(Path file) throws CaException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new CaException("cannot read " + file + ": " + describe(e), e);
        }
        Map<Integer, String> records = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                records.put(i + 1, line);
            }
        }
        return records;
    }
}
