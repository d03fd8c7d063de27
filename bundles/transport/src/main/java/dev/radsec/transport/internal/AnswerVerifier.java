package dev.radsec.transport.internal;

import dev.radsec.codec.MessageAuthenticatorGate;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.RadiusDictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks what a destination's server sends against the request it claims to answer: Identifier, code,
 * authenticators, and Message-Authenticator as {@code require-message-auth} says (learning it under
 * {@code auto}). A packet that fails is counted by its reason and reported by {@link DroppedAnswerLog}; it never
 * touches another request. Runs under the destination's monitor.
 */
final class AnswerVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerVerifier.class);

    private final int destination;
    private final RadiusDictionary dictionary;
    private final SharedSecret secret;
    private final Counters counters;
    private final DroppedAnswerLog drops = new DroppedAnswerLog();
    /** Message-Authenticator on answers to Access-Request; replaced when the setting changes. */
    private MessageAuthenticatorGate gate;

    AnswerVerifier(int destination, RequireMessageAuth require, RadiusDictionary dictionary, SharedSecret secret,
                   Counters counters) {
        this.destination = destination;
        this.dictionary = dictionary;
        this.secret = secret;
        this.counters = counters;
        this.gate = new MessageAuthenticatorGate(require);
    }

    void requireMessageAuth(RequireMessageAuth require) {
        if (require != gate.setting()) {
            gate = new MessageAuthenticatorGate(require);
        }
    }

    /** An answer whose Identifier no request waits for: late, duplicated or forged. */
    void unknownIdentifier() {
        counters.badReplies.increment();
        drops.dropped(destination, DroppedAnswerLog.Cause.UNKNOWN_IDENTIFIER);
    }

    /** @return the verified answer to {@code x}, or null when it was dropped (and counted) */
    RadiusPacket verify(Exchange x, byte[] packet) {
        // Only answers to Access-Request must carry a Message-Authenticator (BlastRADIUS forges logins). Answers
        // to Status-Server are verified when they have one: FreeRADIUS 3.2 sends none, and a forged one can only
        // fake liveness.
        boolean access = x.request.code() == PacketCode.ACCESS_REQUEST;
        MessageAuthenticatorPolicy policy = access ? gate.policy() : MessageAuthenticatorPolicy.VERIFY_IF_PRESENT;
        RadiusPacket response;
        try {
            response = dictionary.codec().decodeResponse(packet, 0, packet.length, x.wire, secret, policy);
        } catch (RadiusDecodeException e) {
            count(e);
            if (!drops.dropped(destination, DroppedAnswerLog.Cause.of(e.reason()))) {
                LOG.debug("Destination {}: reply dropped: {}", destination, e.getMessage());
            }
            return null;
        }
        drops.goodAnswer();
        if (access && gate.learn(response)) {
            LOG.info("Destination {} signs its answers with Message-Authenticator: required from now on "
                    + "(require-message-auth = auto)", destination);
        }
        return response;
    }

    /** Counts a packet from the server that does not decode or verify, by its reason. */
    void count(RadiusDecodeException e) {
        switch (e.reason()) {
            case MALFORMED:
                counters.malformed.increment();
                break;
            case NOT_A_RESPONSE_TO_REQUEST:
                counters.unknownTypes.increment();
                break;
            default:
                counters.badReplies.increment();
        }
    }
}
