package dev.radsec.codec.fuzz;

import static dev.radsec.codec.fuzz.DecodedPackets.CODEC;
import static dev.radsec.codec.fuzz.DecodedPackets.SECRET;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code PacketCodec.decodeResponse} on anything a RADIUS or RadSec server may answer: only
 * {@link RadiusDecodeException} may come out. The request it answers is made from the input: the code that its
 * code answers (Access-Request, or Status-Server when the Authenticator's first octet is odd; Accounting-,
 * CoA- or Disconnect-Request) with the input's Identifier and a fixed Request Authenticator. Each input is decoded
 * as it is, re-signed for that request, and what decodes is unfolded, printed and forwarded
 * ({@link DecodedPackets}). Seeds: FreeRADIUS 3.2.1's answers to radclient, radeapclient and eapol_test
 * ({@code fuzz/decode-response}).
 */
class DecodeResponseFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 20_000;
    private static final FuzzTarget TARGET = new FuzzTarget("decode-response", RUNS);
    private static final Resign RESIGN = new Resign(CaptureCorpus.SECRET);
    private static final byte[] REQUEST_AUTHENTICATOR = {
            0x5a, 0x17, 0x2c, (byte) 0x9e, 0x03, 0x41, 0x7f, (byte) 0xb0,
            0x11, 0x62, (byte) 0xd4, 0x08, 0x3b, (byte) 0xee, 0x70, 0x25};

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void decodeResponse(byte[] input) throws Exception {
        TARGET.ran();
        if (input.length < 20) {
            decode(input, request(PacketCode.ACCESS_REQUEST, 0));
            return;
        }
        byte[] request = request(requestCode(input), input[1] & 0xFF);
        decode(input, request);
        decode(RESIGN.response(input, REQUEST_AUTHENTICATOR), request);
    }

    private static PacketCode requestCode(byte[] response) {
        switch (response[0] & 0xFF) {
            case 5:
                return PacketCode.ACCOUNTING_REQUEST;
            case 41:
            case 42:
                return PacketCode.DISCONNECT_REQUEST;
            case 44:
            case 45:
                return PacketCode.COA_REQUEST;
            default:
                return (response[4] & 1) == 1 ? PacketCode.STATUS_SERVER : PacketCode.ACCESS_REQUEST;
        }
    }

    /** The request as it went out: header only, which is all decodeResponse reads of it. */
    private static byte[] request(PacketCode code, int identifier) {
        byte[] r = new byte[20];
        r[0] = (byte) code.code();
        r[1] = (byte) identifier;
        r[3] = 20;
        System.arraycopy(REQUEST_AUTHENTICATOR, 0, r, 4, 16);
        return r;
    }

    private static void decode(byte[] wire, byte[] request) throws RadiusDecodeException {
        RadiusPacket p;
        try {
            p = CODEC.decodeResponse(wire, 0, wire.length, request, SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        } catch (RadiusDecodeException expected) {
            return;
        }
        DecodedPackets.walk(p);
        DecodedPackets.forwardResponse(p, CODEC.decodeUnverified(request, 0, request.length), request);
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
