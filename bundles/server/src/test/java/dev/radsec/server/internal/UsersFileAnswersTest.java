package dev.radsec.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.radsec.codec.Chap;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.server.UsersFile;
import org.junit.jupiter.api.Test;

class UsersFileAnswersTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final UsersFile USERS = UsersFile.parse(
            "alice Cleartext-Password := \"alice-pw\"\n\tReply-Message = \"Hello, alice\",\n\tSession-Timeout = 60\n", DICT);

    private static RadiusPacket pap(String user, String password) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", user)
                .add("User-Password", password).build();
    }

    @Test
    void papAcceptsWithTheReplyAttributesAndRejectsAWrongPasswordOrUnknownUser() {
        RadiusPacket accept = UsersFileAnswers.answer(USERS, pap("alice", "alice-pw"));
        assertEquals(PacketCode.ACCESS_ACCEPT, accept.code());
        assertEquals("Hello, alice", accept.first("Reply-Message").orElseThrow().asString());
        assertEquals(60, accept.first("Session-Timeout").orElseThrow().asInt());
        assertEquals(PacketCode.ACCESS_REJECT, UsersFileAnswers.answer(USERS, pap("alice", "alice-p")).code());
        assertEquals(PacketCode.ACCESS_REJECT, UsersFileAnswers.answer(USERS, pap("mallory", "alice-pw")).code());
    }

    @Test
    void chapIsVerifiedAgainstTheCleartextPassword() {
        byte[] challenge = new byte[16];
        for (int i = 0; i < challenge.length; i++) {
            challenge[i] = (byte) (i * 7);
        }
        byte[] good = Chap.password(5, "alice-pw", challenge);
        byte[] bad = Chap.password(5, "wrong", challenge);
        RadiusPacket.Builder request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice")
                .add("CHAP-Challenge", challenge);
        assertEquals(PacketCode.ACCESS_ACCEPT, UsersFileAnswers.answer(USERS,
                request.set("CHAP-Password", good).build()).code());
        assertEquals(PacketCode.ACCESS_REJECT, UsersFileAnswers.answer(USERS,
                request.set("CHAP-Password", bad).build()).code());
    }

    @Test
    void accountingAndStatusServerAreAnsweredAndOtherCodesAreNot() {
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, UsersFileAnswers.answer(USERS,
                RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("Acct-Status-Type", 1).build()).code());
        assertEquals(PacketCode.ACCESS_ACCEPT, UsersFileAnswers.answer(USERS,
                RadiusPacket.builder(PacketCode.STATUS_SERVER, DICT).build()).code());
        assertNull(UsersFileAnswers.answer(USERS, RadiusPacket.builder(PacketCode.COA_REQUEST, DICT).build()));
    }
}
