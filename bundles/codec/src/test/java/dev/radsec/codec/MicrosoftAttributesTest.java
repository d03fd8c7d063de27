package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * RFC 2548's Microsoft attributes in the bundled dictionary: the MS-MPPE keys a Wi-Fi access point derives its
 * session keys from are revealed with one hop's secret and Request Authenticator and hidden again for the next.
 */
class MicrosoftAttributesTest {
    private final Dictionary dict = Dictionary.standard();
    private final PacketCodec codec = new PacketCodec(dict);
    private final SharedSecret serverHop = SharedSecret.of("server-hop-secret");
    private final SharedSecret nasHop = SharedSecret.of("nas-hop-secret-2");

    @Test
    void mppeKeysAreSaltEncryptedVendorAttributesOfMicrosoft() {
        AttributeDefinition send = dict.attribute("MS-MPPE-Send-Key").orElseThrow();
        AttributeDefinition recv = dict.attribute("MS-MPPE-Recv-Key").orElseThrow();
        assertEquals(311, send.vendor().orElseThrow().id());
        assertEquals(16, send.number());
        assertEquals(17, recv.number());
        assertEquals(Encryption.TUNNEL_PASSWORD, send.encryption());
        assertEquals(Encryption.USER_PASSWORD, dict.attribute("MS-CHAP-MPPE-Keys").orElseThrow().encryption());
    }

    @Test
    void aProxyRevealsTheKeysFromOneHopAndHidesThemForTheOther() throws Exception {
        byte[] sendKey = key(1);
        byte[] recvKey = key(101);
        // The NAS's request, and the relay's copy of it towards the server (new authenticator).
        byte[] nasRequest = codec.encodeRequest(request(7), nasHop);
        RadiusPacket atRelay = codec.decodeRequest(nasRequest, nasHop);
        byte[] forwarded = codec.encodeRequest(atRelay.toBuilder().identifier(99).authenticator(null).build(), serverHop);

        byte[] serverAnswer = codec.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, dict)
                .identifier(99).add("MS-MPPE-Send-Key", sendKey).add("MS-MPPE-Recv-Key", recvKey).build(),
                codec.decodeRequest(forwarded, serverHop), serverHop);
        assertFalse(contains(serverAnswer, sendKey), "the key travels hidden");

        RadiusPacket answer = codec.decodeResponse(serverAnswer, 0, serverAnswer.length, forwarded, serverHop,
                MessageAuthenticatorPolicy.REQUIRE);
        assertArrayEquals(sendKey, answer.first("MS-MPPE-Send-Key").orElseThrow().bytes());
        byte[] toNas = codec.encodeResponse(answer.toBuilder().identifier(7).build(), atRelay, nasHop);

        RadiusPacket atNas = codec.decodeResponse(toNas, 0, toNas.length, nasRequest, nasHop,
                MessageAuthenticatorPolicy.REQUIRE);
        assertArrayEquals(sendKey, atNas.first("MS-MPPE-Send-Key").orElseThrow().bytes());
        assertArrayEquals(recvKey, atNas.first("MS-MPPE-Recv-Key").orElseThrow().bytes());
    }

    @Test
    void aKeyHiddenForAnotherSecretDoesNotRevealAsTheKey() throws Exception {
        byte[] request = codec.encodeRequest(request(3), serverHop);
        byte[] answer = codec.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, dict).identifier(3)
                .add("MS-MPPE-Send-Key", key(5)).build(), codec.decodeRequest(request, serverHop), serverHop);
        // Same octets, read as if signed with the NAS's secret: the authenticators no longer verify.
        assertThrows(RadiusDecodeException.class, () -> codec.decodeResponse(answer, 0, answer.length, request, nasHop,
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
    }

    private RadiusPacket request(int id) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict).identifier(id)
                .add("User-Name", "host/laptop.example.org").add("EAP-Message", new byte[] {2, 9, 0, 5, 1}).build();
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i * 7);
        }
        return k;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
