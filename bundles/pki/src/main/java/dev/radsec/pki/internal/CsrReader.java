package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.CaException;
import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** Reads a PKCS#10 certificate request in PEM, for the organisation CA to sign. */
final class CsrReader {

    private CsrReader() {
    }

    /**
     * The public key of the request, once its signature proves the requester holds the private key. Only the key is
     * taken: the CA decides subject, names and usage from its own profile, never from the request.
     */
    static PublicKey verifiedPublicKey(String csrPem) throws CaException {
        if (csrPem == null || csrPem.isBlank()) {
            throw new CaException("the certificate request is empty");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CaException("the certificate request is not valid PEM: " + describe(e), e);
        }
        if (parsed == null) {
            throw new CaException("the certificate request is not PEM: no -----BEGIN CERTIFICATE REQUEST----- found");
        }
        if (!(parsed instanceof PKCS10CertificationRequest)) {
            throw new CaException("the PEM text holds a " + parsed.getClass().getSimpleName()
                    + ", not a CERTIFICATE REQUEST");
        }
        PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parsed;
        PublicKey publicKey;
        try {
            publicKey = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            throw new CaException("unsupported public key in the certificate request: " + describe(e), e);
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new CaException("cannot verify the certificate request's signature: " + describe(e), e);
        }
        if (!valid) {
            throw new CaException("the certificate request's signature is not valid (subject " + subject(csr) + ")");
        }
        if (publicKey instanceof RSAPublicKey && ((RSAPublicKey) publicKey).getModulus().bitLength() < 2048) {
            throw new CaException("the certificate request's RSA key has "
                    + ((RSAPublicKey) publicKey).getModulus().bitLength() + " bits; at least 2048 are required");
        }
        return publicKey;
    }

    /** The request's subject for a message; an unsigned one may hold anything, such as a UTF8String that is not UTF-8. */
    private static String subject(PKCS10CertificationRequest csr) {
        try {
            return csr.getSubject().toString();
        } catch (RuntimeException e) {
            return "unreadable: " + describe(e);
        }
    }
}
