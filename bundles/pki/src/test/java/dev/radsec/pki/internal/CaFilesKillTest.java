package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.AtomicFiles;
import dev.radsec.common.KillLoop;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of the organisation CA's and the development PKI's writes, again and again (see
 * {@link CaFilesWriter}). After every kill, with the real loaders: the CA's key and certificate load and match, its
 * records parse, its CRL is signed by it and lists every recorded revocation but at most the last one (the next
 * start publishes that), CRL numbers only grow; every issued certificate on disk is recorded, has its key beside
 * it, and its PKCS#12 file holds the same pair; every key and PKCS#12 file, and every temporary file of one, is
 * 0600; every finished development PKI is complete; the trust store directory holds exactly one anchor, whatever
 * temporary files lie beside it. The next child loads all of it, completing what was interrupted. 8 kills in the
 * build; {@code -Datomic.kills=1000} for the long run.
 */
class CaFilesKillTest {
    @TempDir
    Path dir;

    private BigInteger lastCrlNumber = BigInteger.ZERO;
    private int lastIssued;
    private final Set<Path> checkedLeaves = new HashSet<>();
    private final Set<Integer> checkedRounds = new HashSet<>();
    private int interrupted;

    @Test
    void everyFileIsWholeAndTheirOrderLeavesALoadableStateAfterEachKill() throws Exception {
        KillLoop loop = new KillLoop(CaFilesWriter.class, List.of(CaFilesWriter.class, OrganisationCaImpl.class,
                AtomicFiles.class, KillLoop.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class,
                org.bouncycastle.cert.X509CertificateHolder.class, org.bouncycastle.asn1.cms.ContentInfo.class,
                org.slf4j.LoggerFactory.class), dir);
        KillLoop.Figures figures = loop.run(KillLoop.kills(8), 11L, Duration.ofMillis(800), (kill, pid) -> check(loop));
        System.out.println("CaFilesKillTest: " + figures + "; " + lastIssued + " certificates issued, CRL number "
                + lastCrlNumber + ", " + checkedRounds.size() + " development PKIs, " + interrupted
                + " keys set aside after an interrupted create");
        assertTrue(lastIssued > 0, "the children issued certificates");
    }

    private void check(KillLoop loop) throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve(CaFilesWriter.CA), Clock.systemUTC());
        X509Certificate root = checkCa(dir.resolve(CaFilesWriter.CA), true);
        if (root == null) {
            return; // the first child was killed before the CA existed
        }
        CaDatabase records = new CaDatabase(dir.resolve(CaFilesWriter.CA));
        Set<BigInteger> issued = records.issuedSerials();
        List<BigInteger> revoked = records.revocations().stream().map(CaDatabase.Revocation::serial).toList();
        assertTrue(issued.containsAll(revoked), "only issued serials are revoked");
        assertTrue(issued.size() >= lastIssued, "the record of issued serials went back");
        lastIssued = issued.size();

        // leaves: created once each, so checked once each
        Path certs = dir.resolve(CaFilesWriter.CERTS);
        for (Path p : list(certs)) {
            Matcher m = CaFilesWriter.LEAF.matcher(p.getFileName().toString());
            if (!m.matches() || !checkedLeaves.add(p)) {
                continue;
            }
            String base = "leaf-" + m.group(1);
            switch (m.group(2)) {
                case "key" -> {
                    PrivateKeyReader.read(p, null);
                    assertEquals(AtomicFiles.OWNER_ONLY, Files.getPosixFilePermissions(p), p.toString());
                }
                case "crt" -> {
                    // the key is written before the certificate, and the serial recorded before both
                    KeyedChain pair = KeyedChainReader.load(p, certs.resolve(base + ".key"), null);
                    assertTrue(issued.contains(pair.leaf().getSerialNumber()), p + " is in issued.txt");
                    pair.leaf().verify(root.getPublicKey());
                }
                case "p12" -> {
                    KeyedChain p12 = KeyedChainReader.load(p, null, CaFilesWriter.PASSWORD);
                    assertEquals(CertificateReader.loadCertificates(certs.resolve(base + ".crt")).get(0), p12.leaf());
                    assertEquals(AtomicFiles.OWNER_ONLY, Files.getPosixFilePermissions(p), p.toString());
                }
                default -> throw new AssertionError(p);
            }
        }

        // the CRL: signed by the CA, every revocation but at most the last, numbers only growing
        Path crlFile = ca.crlFile();
        if (Files.exists(crlFile)) {
            X509CRL crl = CrlReader.loadCrls(crlFile).get(0);
            crl.verify(root.getPublicKey());
            List<BigInteger> listed = new ArrayList<>();
            if (crl.getRevokedCertificates() != null) {
                for (X509CRLEntry e : crl.getRevokedCertificates()) {
                    listed.add(e.getSerialNumber());
                }
            }
            assertTrue(listed.size() == revoked.size() || listed.size() == revoked.size() - 1,
                    "the CRL lists " + listed.size() + " of " + revoked.size() + " revocations");
            assertEquals(Set.copyOf(revoked.subList(0, listed.size())), Set.copyOf(listed));
            BigInteger number = ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                    crl.getExtensionValue(Extension.cRLNumber.getId()))).getValue();
            assertTrue(number.compareTo(lastCrlNumber) >= 0, "CRL number " + number + " after " + lastCrlNumber);
            BigInteger recorded = new BigInteger(Files.readString(dir.resolve(CaFilesWriter.CA)
                    .resolve(CaDatabase.CRL_NUMBER)).trim());
            assertTrue(recorded.compareTo(number) >= 0, "crlnumber " + recorded + " is at least the CRL's " + number);
            lastCrlNumber = number;
        }

        // development PKIs: each finished one complete; the latest possibly cut short, each of its files whole
        int latest = CaFilesWriter.highest(dir, CaFilesWriter.ROUND);
        for (int r = 0; r <= latest; r++) {
            if (r < latest && checkedRounds.contains(r)) {
                continue;
            }
            checkDevelopmentPki(dir.resolve("dev-" + r), r < latest);
            if (r < latest) {
                checkedRounds.add(r);
            }
        }

        // the trust store's directory, read the way a trust store reads it: the one anchor, never a temporary file
        Path anchors = dir.resolve(CaFilesWriter.ANCHOR).getParent();
        if (Files.exists(dir.resolve(CaFilesWriter.ANCHOR))) {
            List<X509Certificate> loaded = CertificateReader.loadCaCertificates(anchors);
            assertEquals(1, loaded.size(), "one anchor in " + list(anchors));
        }

        KillLoop.assertTemporarySecretsOwnerOnly(loop.temporaryFiles(),
                name -> name.contains(".key.") || name.contains(".p12."));
    }

    /** The CA in {@code directory}: null when it does not exist yet; its key and certificate match when it does. */
    private X509Certificate checkCa(Path directory, boolean mayBeMissing) throws Exception {
        Path key = directory.resolve(OrganisationCaImpl.CA_KEY);
        Path certificate = directory.resolve(OrganisationCaImpl.CA_CERTIFICATE);
        for (Path aside : list(directory)) {
            if (aside.getFileName().toString().startsWith(OrganisationCaImpl.CA_KEY + ".interrupted")) {
                PrivateKeyReader.read(aside, null); // whole: it was complete when it was set aside
            }
        }
        if (!Files.exists(certificate)) {
            assertTrue(mayBeMissing, "no CA in " + directory);
            if (Files.exists(key)) {
                PrivateKeyReader.read(key, null); // a create cut short between the key and the certificate
            }
            return null;
        }
        KeyedChain pair = KeyedChainReader.load(certificate, key, null);
        assertEquals(AtomicFiles.OWNER_ONLY, Files.getPosixFilePermissions(key));
        assertEquals(AtomicFiles.PRIVATE_DIRECTORY, Files.getPosixFilePermissions(directory));
        return pair.leaf();
    }

    private void checkDevelopmentPki(Path base, boolean finished) throws Exception {
        X509Certificate root = checkCa(base.resolve(CaFilesWriter.CA), !finished);
        Path certs = base.resolve(CaFilesWriter.CERTS);
        for (String name : List.of("server", "client")) {
            Path certificate = certs.resolve(name + ".crt");
            Path key = certs.resolve(name + ".key");
            for (Path aside : list(certs)) {
                if (aside.getFileName().toString().startsWith(name + ".key.interrupted")) {
                    PrivateKeyReader.read(aside, null);
                }
            }
            if (Files.exists(certificate)) {
                KeyedChain pair = KeyedChainReader.load(certificate, key, null);
                pair.leaf().verify(root.getPublicKey());
            } else {
                assertTrue(!finished, certificate + " is missing from a finished development PKI");
                if (Files.exists(key)) {
                    PrivateKeyReader.read(key, null);
                }
            }
        }
        if (finished) {
            CrlReader.loadCrls(base.resolve(CaFilesWriter.CA).resolve(OrganisationCaImpl.CRL)).get(0)
                    .verify(root.getPublicKey());
            try (Stream<Path> all = Stream.concat(list(base.resolve(CaFilesWriter.CA)).stream(), list(certs).stream())) {
                interrupted += (int) all.filter(p -> p.getFileName().toString().contains(".interrupted")).count();
            }
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !AtomicFiles.isTemporary(p)).sorted().toList();
        }
    }
}
