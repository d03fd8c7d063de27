package dev.radsec.pki.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.TrustStoreAdmin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link TrustStoreAdmin} on the file system and ConfigAdmin. */
@Component(service = TrustStoreAdmin.class)
public final class TrustStoreAdminComponent implements TrustStoreAdmin {
    static final String TRUST_PID = "dev.radsec.pki.trust";

    @Reference
    private ConfigurationAdmin configurationAdmin;
    private Path etc;

    @Activate
    void activate(BundleContext context) {
        etc = KarafPaths.etc(context);
    }

    @Override
    public Path importCa(String trustName, String pem) throws CaException {
        if (trustName == null || !trustName.matches("[A-Za-z0-9._-]+")) {
            throw new CaException("trust store name '" + trustName + "' must be letters, digits, '.', '_' or '-'");
        }
        List<X509Certificate> cas = parseCas(pem);
        Path directory = etc.resolve("radsec").resolve("trust").resolve(trustName);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(fingerprint(cas.get(0)) + ".pem");
            Path tmp = Files.createTempFile(directory, ".import", ".tmp");
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            includeDirectory(trustName, etc.relativize(directory).toString());
            return file;
        } catch (IOException | InvalidSyntaxException e) {
            throw new CaException("cannot import into trust store '" + trustName + "': " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> parseCas(String pem) throws CaException {
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new CaException("the uploaded PEM is not a certificate: " + e.getMessage(), e);
        }
        if (parsed.isEmpty()) {
            throw new CaException("the uploaded PEM holds no certificate");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : parsed) {
            X509Certificate x = (X509Certificate) c;
            if (x.getBasicConstraints() < 0) {
                throw new CaException("not a CA certificate: basicConstraints cA is not true for "
                        + x.getSubjectX500Principal().getName());
            }
            out.add(x);
        }
        return out;
    }

    private static String fingerprint(X509Certificate c) throws CaException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new CaException("cannot fingerprint the certificate", e);
        }
    }

    /** Makes the named store's configuration list {@code directory} under {@code ca}, creating it if needed. */
    private void includeDirectory(String trustName, String directory) throws IOException, InvalidSyntaxException {
        Configuration target = null;
        Configuration[] all = configurationAdmin.listConfigurations("(service.factoryPid=" + TRUST_PID + ")");
        for (Configuration c : all == null ? new Configuration[0] : all) {
            Object name = c.getProperties() == null ? null : c.getProperties().get("name");
            String effective = name == null || name.toString().isBlank() ? CredentialService.DEFAULT_TRUST : name.toString().trim();
            if (effective.equals(trustName)) {
                target = c;
                break;
            }
        }
        Dictionary<String, Object> props;
        if (target == null) {
            target = configurationAdmin.getFactoryConfiguration(TRUST_PID, trustName, "?");
            props = new Hashtable<>();
            props.put("name", trustName);
        } else {
            props = target.getProperties();
        }
        List<String> ca = ConfigReader.items(props.get("ca"));
        if (!ca.contains(directory)) {
            ca.add(directory);
            props.put("ca", String.join(",", ca));
            target.update(props);
        }
    }

}
