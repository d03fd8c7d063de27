package dev.radsec.management.internal.shell;

import dev.radsec.pki.CredentialService;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the names of the configured trust stores. */
@Service
public class TrustNameCompleter extends ValuesCompleter {
    @Reference
    CredentialService pki;

    @Override
    Stream<String> values() {
        return pki.trustStores().stream();
    }
}
