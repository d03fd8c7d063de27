package dev.radsec.transport.internal;

import dev.radsec.codec.RadiusDecodeException;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator why a destination's answers are dropped: once per reason, naming the setting that changes
 * it, and again only after a good answer came in between. A flood of bad answers is one line; a server that
 * goes bad again after working is noticed. The counters count every drop. Not thread-safe: used under the
 * destination's monitor.
 */
final class DroppedAnswerLog {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedAnswerLog.class);

    /** Why an answer was dropped, beyond the decoder's reasons. */
    enum Cause {
        MALFORMED("it is malformed"),
        BAD_AUTHENTICATOR("its Response Authenticator does not verify: check 'secret'"),
        BAD_MESSAGE_AUTHENTICATOR("its Message-Authenticator does not verify: check 'secret'"),
        MISSING_MESSAGE_AUTHENTICATOR("it has no Message-Authenticator, which require-message-auth = true demands "
                + "(FreeRADIUS before 3.2.5 and radsecproxy 1.9 sign no non-EAP Accept or Reject; 'auto' accepts "
                + "them until the server signs one, 'false' never requires it)"),
        NOT_AN_ANSWER("its code does not answer the request with its Identifier"),
        UNKNOWN_IDENTIFIER("no request waits for its Identifier (late after 'timeout', or duplicated)");

        final String text;

        Cause(String text) {
            this.text = text;
        }

        static Cause of(RadiusDecodeException.Reason reason) {
            switch (reason) {
                case MALFORMED: return MALFORMED;
                case BAD_AUTHENTICATOR: return BAD_AUTHENTICATOR;
                case BAD_MESSAGE_AUTHENTICATOR: return BAD_MESSAGE_AUTHENTICATOR;
                case MISSING_MESSAGE_AUTHENTICATOR: return MISSING_MESSAGE_AUTHENTICATOR;
                default: return NOT_AN_ANSWER;
            }
        }
    }

    private final Set<Cause> reported = EnumSet.noneOf(Cause.class);

    /** @return whether this drop was logged (the first of its cause since the last good answer) */
    boolean dropped(int destination, Cause cause) {
        if (!reported.add(cause)) {
            return false;
        }
        LOG.warn("Destination {}: an answer was dropped because {}; further drops for this reason are counted "
                + "(BadReplies) and logged again after a good answer", destination, cause.text);
        return true;
    }

    void goodAnswer() {
        reported.clear();
    }
}
