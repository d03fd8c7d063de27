package dev.radsec.management.internal.shell;

import dev.radsec.pki.CaException;
import dev.radsec.pki.TrustStoreAdmin;
import dev.radsec.pki.TrustStoreAnchor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code radsec:trust-add <name> <pem-file>}: uploads a root CA into a trust store (Meraki's "upload a root CA"). It is
 * written to {@code etc/radsec/trust/<name>/} and named in the store's configuration; a store of that name is
 * created when there is none. Used from the next handshake on, with no restart.
 */
@Command(scope = "radsec", name = "trust-add", description = "Adds a CA certificate (PEM file) to a trust store")
@Service
public class TrustAddCommand implements Action {
    /** A few CA certificates are a few kB; a file far beyond is not one. */
    private static final long MAX_BYTES = 1024 * 1024;

    @Reference
    TrustStoreAdmin trust;

    @Argument(index = 0, name = "name", description = "the trust store (created when missing)", required = true)
    @Completion(TrustNameCompleter.class)
    String name;

    @Argument(index = 1, name = "pem-file", description = "one CA certificate in PEM", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() {
        Path path = Path.of(file).toAbsolutePath();
        String pem;
        try {
            if (Files.size(path) > MAX_BYTES) {
                System.err.println(path + ": " + Files.size(path) + " octets is not one CA certificate");
                return null;
            }
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("Cannot read " + path + ": " + e.getMessage());
            return null;
        }
        try {
            TrustStoreAnchor added = trust.addAnchor(name, pem);
            System.out.println("Added " + added.subject() + " to trust store '" + name + "'");
            System.out.println("SHA-256:   " + added.fingerprint());
            System.out.println("Not after: " + added.notAfter());
            System.out.println("File:      " + added.file());
        } catch (CaException e) {
            System.err.println("Not added: " + e.getMessage());
        }
        return null;
    }
}
