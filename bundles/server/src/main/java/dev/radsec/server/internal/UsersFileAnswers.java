package dev.radsec.server.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.Chap;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.server.UsersFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** What the embedded server answers, from the users file: the whole of its RADIUS behaviour. */
final class UsersFileAnswers {
    private UsersFileAnswers() {
    }

    /**
     * Access-Request: Access-Accept with the user's reply attributes when its PAP or CHAP password matches, else
     * Access-Reject. Accounting-Request: Accounting-Response. Status-Server: Access-Accept. Anything else:
     * {@code null}, no answer (the listener counts it as dropped).
     */
    static RadiusPacket answer(UsersFile users, RadiusPacket request) {
        switch (request.code()) {
            case ACCESS_REQUEST:
                return authenticate(users, request);
            case ACCOUNTING_REQUEST:
                return RadiusPacket.builder(PacketCode.ACCOUNTING_RESPONSE, request.dictionary()).build();
            case STATUS_SERVER:
                return RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).build();
            default:
                return null;
        }
    }

    private static RadiusPacket authenticate(UsersFile users, RadiusPacket request) {
        Optional<UsersFile.User> user = request.first("User-Name").map(Attribute::asString).flatMap(users::user);
        if (user.isPresent() && passwordMatches(request, user.get().password())) {
            return RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).addAll(user.get().reply()).build();
        }
        return RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build();
    }

    private static boolean passwordMatches(RadiusPacket request, String password) {
        Optional<Attribute> pap = request.first("User-Password");
        if (pap.isPresent()) {
            // constant time: how much of a guess was right never shows in the timing
            return MessageDigest.isEqual(pap.get().asString().getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        return request.first("CHAP-Password").isPresent() && Chap.verify(request, password);
    }
}
