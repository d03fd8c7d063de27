package dev.radsec.pki;

/** Told about changes to named credentials. Called on the PKI's own thread; must not block. */
@FunctionalInterface
public interface CredentialListener {
    void credentialChanged(CredentialEvent event);
}
