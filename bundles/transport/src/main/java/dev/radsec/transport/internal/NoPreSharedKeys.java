package dev.radsec.transport.internal;

import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import java.util.List;
import java.util.Optional;

/** The pre-shared keys of a transport built in plain Java without any: every name is not configured. */
final class NoPreSharedKeys implements PreSharedKeys {
    static final PreSharedKeys INSTANCE = new NoPreSharedKeys();

    private NoPreSharedKeys() {
    }

    @Override
    public Optional<PreSharedKey> key(String name) {
        return Optional.empty();
    }

    @Override
    public PskStatus status(String name) {
        return new PskStatus(name, Optional.empty(), Optional.empty(), false, Optional.of("not configured"));
    }

    @Override
    public List<PskStatus> statuses() {
        return List.of();
    }
}
