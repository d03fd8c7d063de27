package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer certificate {@link PemFuzzTest} found that made {@link CrlFetcher#distributionPoints} throw. */
class CrlFetcherFindingsTest {
    // Found by PemFuzzTest: a certificate the JDK reads whose cRLDistributionPoints holds an APPLICATION tag where a
    // DistributionPointName's CONTEXT tag belongs. Bouncy Castle threw IllegalStateException ("Expected CONTEXT tag
    // but found APPLICATION"), past the catch meant for unusable extensions, out of a trust store's validation.
    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\n"
            + "MIIDrjCCApagAwIBAgIUWJukHQ9BNqn9ykJrEQoURHKlIikwDQYJKoZIhvcNAQEL\n"
            + "BQAwLDEYMBYGA1UEAwwPcnNhLmV4YW1wbGUub3JnMRAwDgYDVQQKDAdFeGFtcGxl\n"
            + "MB4XDTI2MTIwMzA5NTA0MVoXDTI3MTIwMzA5NTA0MVowLDEYMBYGA1UEAwwPcnNh\n"
            + "LmV4YW1wbGUub3JnMRAwDgYDVQQKDAdFeGFtcGxlMIIBIjANBgkqhkiG9w0BAQEF\n"
            + "AAOCAQ8AMIIBCgKCAQEAn5rAmkGTIjaBBJoqLQN4TnOwEf/AIqTeJYfnytVcN5yC\n"
            + "J2HmFyqVaaK22lZpgwBtyIXTl8iet1/IvCcsdS3ESPYrF7HMCfbyl7/bRN48QsH7\n"
            + "vt16BF8U0pasKXKqb2loNex8pdoRyTVR1aY1s3C6agpSj2lKg+E55vEm2jzBjpSg\n"
            + "yLRLGuLztFEgYtb5wSZnO3QBjlcj8wtEvTDf3fNuLNENa0x20+L5JoJX4jnbZgOD\n"
            + "L+QNLSls3L5rMFqwR0x0Z84nn/cTeGtxjWogQ+BZAE99GCMel3NgsQcD7LoESE8x\n"
            + "pOeCSTzrMCKFuAP5CmRmT9Ilb6rebdOnVa85V2wrlQIDAQABo4HHMIHEMB0GA1Ud\n"
            + "DgQWBBQ5f+U8zd35xxj4WAyg0DrlJZM6MjAfBgNVHSMEGDAWgBQ5f+U8zd35xxj4\n"
            + "WAyg0DrlJZM6MjAPBgNVHRMBAf8EBTADAQH/MCoGA1UdHwQjMCEwH2AdoBuGGWh0\n"
            + "dHA6Ly9leGFtcGxlLm9yZy9jYS5jcmwwMwYIKwYBBQUHAQEEJzAlMCMGCCsGAQUF\n"
            + "BzABhhdodHRwOi8vb2NzcC5leGFtcGxlLm9yZzAQBgNVHSAECTAHMAUGAyoDBDAN\n"
            + "BgkqhkiG9w0BAQsFAAOCAQEAju4Jegg40zKBJN9Wc7XrRqZWEsw6Y+Bu84gTSijx\n"
            + "UW/C1q8RrnwhwwCPU7hgI0vNTFmLTbCZiKjN1PB0adiq2YL63JWS4AMbzDobUt5E\n"
            + "dpf301VGRpVVj5XMqrf33pYwmq/+Qs0mTgpB9n37gsKfHZ/4ZznjviXOES9yISh0\n"
            + "IJBHW7OFoU2E7erB5Ucb8XIYVLJ2+UM9NM2a/3X+zwUuS85ATzXKAdqMvlYyUJXk\n"
            + "eg0RtSKQUraA6B7xV8zw1/tYmon0JmP5IfnwWfVJhnFnH/xmDTx7S/nvcNccB/72\n"
            + "7UvOV9ojQDq7nC/0rYOqHdER94JHGjqgUWVNx+tvuXDbAg==\n"
            + "-----END CERTIFICATE-----\n";

    @Test
    void aMalformedDistributionPointExtensionNamesNoDistributionPoint() throws Exception {
        List<X509Certificate> read = CertificateReader.certificates(Path.of("peer.pem"),
                CERTIFICATE.getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(List.of(), CrlFetcher.distributionPoints(read.get(0)));
    }
}
