package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MikroTik's called-id glob: {@code *} any characters, {@code ?} one, case ignored, whole value. */
class CalledIdPatternTest {

    @Test
    void aStarMatchesAnyCharactersIncludingNone() {
        CalledIdPattern p = CalledIdPattern.compile("*:corp");
        assertTrue(p.matches("00-11-22-33-44-55:corp"));
        assertTrue(p.matches(":corp"));
        assertFalse(p.matches("00-11-22-33-44-55:corporate"), "the whole value, not a prefix");
        assertFalse(p.matches("00-11-22-33-44-55:guest"));
        assertTrue(CalledIdPattern.compile("*").matches(""));
        assertTrue(CalledIdPattern.compile("*").matches("anything at all"));
    }

    @Test
    void aQuestionMarkMatchesExactlyOne() {
        CalledIdPattern p = CalledIdPattern.compile("10.0.0.?");
        assertTrue(p.matches("10.0.0.7"));
        assertFalse(p.matches("10.0.0.17"));
        assertFalse(p.matches("10.0.0."));
    }

    @Test
    void caseIsIgnored() {
        assertTrue(CalledIdPattern.compile("AA-BB-*:CORP").matches("aa-bb-cc-dd-ee-ff:corp"));
        assertTrue(CalledIdPattern.compile("aa-bb-*:corp").matches("AA-BB-CC-DD-EE-FF:CORP"));
    }

    @Test
    void everythingElseIsLiteralNotARegularExpression() {
        CalledIdPattern p = CalledIdPattern.compile("10.0.0.1");
        assertTrue(p.matches("10.0.0.1"));
        assertFalse(p.matches("10a0b0c1"), "a dot is a dot");
        assertTrue(CalledIdPattern.compile("a+b(c)[d]{e}|^$\\Q\\E").matches("A+B(C)[D]{E}|^$\\Q\\E"));
        assertFalse(CalledIdPattern.compile("a+b").matches("aab"));
    }

    @Test
    void aRequestWithoutCalledStationIdNeverMatches() {
        assertFalse(CalledIdPattern.compile("*").matches(null));
    }
}
