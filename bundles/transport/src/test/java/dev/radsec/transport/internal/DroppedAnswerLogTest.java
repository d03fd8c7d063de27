package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RadiusDecodeException;
import org.junit.jupiter.api.Test;

class DroppedAnswerLogTest {
    private final DroppedAnswerLog log = new DroppedAnswerLog();

    @Test
    void eachReasonIsLoggedOnceUntilAGoodAnswerComesBetween() {
        assertTrue(log.dropped(2, DroppedAnswerLog.Cause.MISSING_MESSAGE_AUTHENTICATOR));
        assertFalse(log.dropped(2, DroppedAnswerLog.Cause.MISSING_MESSAGE_AUTHENTICATOR), "a flood is one line");
        assertTrue(log.dropped(2, DroppedAnswerLog.Cause.BAD_AUTHENTICATOR), "another reason is news");
        log.goodAnswer();
        assertTrue(log.dropped(2, DroppedAnswerLog.Cause.MISSING_MESSAGE_AUTHENTICATOR), "bad again after working");
    }

    @Test
    void everyReasonNamesTheSettingThatChangesIt() {
        assertEquals(DroppedAnswerLog.Cause.MISSING_MESSAGE_AUTHENTICATOR,
                DroppedAnswerLog.Cause.of(RadiusDecodeException.Reason.MISSING_MESSAGE_AUTHENTICATOR));
        assertTrue(DroppedAnswerLog.Cause.MISSING_MESSAGE_AUTHENTICATOR.text.contains("require-message-auth"));
        assertTrue(DroppedAnswerLog.Cause.of(RadiusDecodeException.Reason.BAD_AUTHENTICATOR).text.contains("'secret'"));
        assertTrue(DroppedAnswerLog.Cause.of(RadiusDecodeException.Reason.BAD_MESSAGE_AUTHENTICATOR).text.contains("'secret'"));
        assertTrue(DroppedAnswerLog.Cause.UNKNOWN_IDENTIFIER.text.contains("'timeout'"));
    }
}
