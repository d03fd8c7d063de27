package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageAuthenticatorGateTest {
    private final Dictionary dict = Dictionary.standard();
    private final PacketCodec codec = new PacketCodec(dict);
    private final SharedSecret secret = SharedSecret.of("gate-test-secret");

    @Test
    void trueRequiresFromTheStartAndFalseNever() throws Exception {
        MessageAuthenticatorGate always = new MessageAuthenticatorGate(RequireMessageAuth.TRUE);
        assertEquals(MessageAuthenticatorPolicy.REQUIRE, always.policy());
        MessageAuthenticatorGate never = new MessageAuthenticatorGate(RequireMessageAuth.FALSE);
        assertFalse(never.learn(signedAccept()));
        assertEquals(MessageAuthenticatorPolicy.VERIFY_IF_PRESENT, never.policy());
    }

    @Test
    void autoAcceptsUnsignedAnswersUntilTheFirstSignedOneThenRequiresIt() throws Exception {
        MessageAuthenticatorGate gate = new MessageAuthenticatorGate(RequireMessageAuth.AUTO);
        assertFalse(gate.learn(accept(false)));
        assertEquals(MessageAuthenticatorPolicy.VERIFY_IF_PRESENT, gate.policy());
        assertTrue(gate.learn(signedAccept()), "the switch is reported");
        assertFalse(gate.learn(signedAccept()), "and reported once");
        assertEquals(MessageAuthenticatorPolicy.REQUIRE, gate.policy());
        assertTrue(gate.required());
    }

    @Test
    void autoLearnsNothingFromEapWhichCarriesMessageAuthenticatorAnyway() throws Exception {
        // FreeRADIUS 3.2.1 signs its EAP Access-Challenges but not a later PAP Accept: that must go on working.
        MessageAuthenticatorGate gate = new MessageAuthenticatorGate(RequireMessageAuth.AUTO);
        RadiusPacket challenge = decodeAnswer(RadiusPacket.builder(PacketCode.ACCESS_CHALLENGE, dict)
                .add("EAP-Message", new byte[] {1, 2, 0, 6, 13, 32}).build());
        assertTrue(challenge.first("Message-Authenticator").isPresent());
        assertFalse(gate.learn(challenge));
        assertEquals(MessageAuthenticatorPolicy.VERIFY_IF_PRESENT, gate.policy());
    }

    @Test
    void parsesTheConfigurationTextAndNamesTheChoicesOtherwise() {
        assertEquals(RequireMessageAuth.AUTO, RequireMessageAuth.parse(" Auto "));
        assertEquals("false", RequireMessageAuth.FALSE.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RequireMessageAuth.parse("yes"));
        assertEquals("'yes' is none of true, false, auto", e.getMessage());
    }

    private RadiusPacket signedAccept() throws RadiusDecodeException {
        return accept(true);
    }

    /** An Access-Accept as a server sends it: signed (encoded and decoded by us), or as built, with none. */
    private RadiusPacket accept(boolean signed) throws RadiusDecodeException {
        RadiusPacket accept = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, dict).add("Reply-Message", "hi").build();
        return signed ? decodeAnswer(accept) : accept;
    }

    private RadiusPacket decodeAnswer(RadiusPacket answer) throws RadiusDecodeException {
        byte[] request = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict).identifier(1)
                .add("User-Name", "alice").build(), secret);
        byte[] wire = codec.encodeResponse(answer.toBuilder().identifier(1).build(),
                codec.decodeRequest(request, secret), secret);
        return codec.decodeResponse(wire, 0, wire.length, request, secret, MessageAuthenticatorPolicy.REQUIRE);
    }
}
