package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.CaException;
import org.junit.jupiter.api.Test;

/** Certificate requests {@link PemFuzzTest} found that made {@link CsrReader} throw something other than CaException. */
class CsrReaderFindingsTest {
    // Found by PemFuzzTest: requests whose signature no longer verifies and whose subject CN is a UTF8String that is
    // not UTF-8. Reporting the bad signature printed the subject, and Bouncy Castle's X500Name.toString threw
    // IllegalArgumentException ("Invalid UTF-8 input") past the CaException.
    private static final String EC = "-----BEGIN CERTIFICATE REQUEST-----\n"
            + "MIHVMHwCAQAwGjEYMBYGA1UEAwwPY3NLymV4YW1wbGUub3JnMFkwEwYHKoZIzj0C\n"
            + "AQYIKoZIzj0DAQcDQgAE7/VSvVHrMtDy9CYMXugbDYiBs9WjMWVzJNeZVD8SHFoW\n"
            + "AZGageCxJ+tiHO8qcqrIoDrl4WjzUt/p8sozqvmMiKAAMAoGCCqGSM49BAMCA0kA\n"
            + "MEYCIQCpD/tSHvJ1BHvBLbt+xN1ca1S9qVoatZ5qUMXwA8AeRQIhAMk4MWwNPm0K\n"
            + "E+abMsXATLZoL3onXzdYxRBAtNZU2ZNe\n"
            + "-----END CERTIFICATE REQUEST-----\n";
    private static final String RSA = "-----BEGIN CERTIFICATE REQUEST-----\n"
            + "MIICYzCCAUsCAQAwHjEcMBoGA1UEAwwTY3NyLXJzYS5l+GFtcGxlLm9yZzCCASIw\n"
            + "DQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJ+awJpBkyI2gQSaKi0DeE5zsBH/\n"
            + "wCKk3iWH58rVXDecgidh5hcqlWmittpWaYMAbciF05fInrdfyLwnLHUtxEj2Kxex\n"
            + "zAn28pe/20TePELB+77degRfFNKWrClyqm9paDXsfKXaEck1UdWmNbNwumoKUo9p\n"
            + "SoPhOebxJto8wY6UoMi0Sxri87RRIGLW+cEmZzt0AY5XI/MLRL0w393zbizRDWtM\n"
            + "dtPi+SaCV+I522YDgy/kDS0pbNy+azBasEdMdGfOJ5/3E3hrcY1qIEPgWQBPfRgj\n"
            + "HpdzYLEHA+y6BEhPMaTngkk86zAihbgD+QpkZk/SJW+q3m3Tp1WvOVdsK5UCAwEA\n"
            + "AaAAMA0GCSqGSIb3DQEBCwUAA4IBAQB6e+9fpbyx1gRth4ootDccbgvxH4jQtGO5\n"
            + "9djpM5qqMHW1vyTC7wLJ6d3H/C22e2S31Y7g79XV50/lxNxo1t250fZ6nssbpwqE\n"
            + "AV60M/Vbugvl32yVebV63IGIeuj8SEOacEXT3OXUt9kvGn4PcK4YBASRGyA7IxRZ\n"
            + "MIvwj20i5mzFJTN6znZSS78/cCSqg92kJrJ4t7hefqLp6XPDh/rFttUK2hlAETKD\n"
            + "8x/1X675CDtRCBnfDp5SXqr4GSxgnfcYmQ6Ij42TYW3YcfqAUH33PerjtlRfSDsv\n"
            + "m1Rzx+S6pBmYTBp1U3k+Hvu1wbkD+xgvd6W41lCBswem7lFUvHyO\n"
            + "-----END CERTIFICATE REQUEST-----\n";

    @Test
    void aRequestWithABadSignatureAndAnUnreadableSubjectIsACaError() {
        for (String csr : new String[] {EC, RSA}) {
            CaException e = assertThrows(CaException.class, () -> CsrReader.verifiedPublicKey(csr));
            assertTrue(e.getMessage().startsWith("the certificate request's signature is not valid (subject unreadable: "),
                    e.getMessage());
        }
    }
}
