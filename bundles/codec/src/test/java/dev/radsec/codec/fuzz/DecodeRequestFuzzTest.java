package dev.radsec.codec.fuzz;

import static dev.radsec.codec.fuzz.DecodedPackets.CODEC;
import static dev.radsec.codec.fuzz.DecodedPackets.SECRET;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code PacketCodec.decodeRequest} on anything a NAS or a RadSec client may send: only
 * {@link RadiusDecodeException} may come out. Each input is decoded as it is (the checks), re-signed with the
 * corpus's secret (so attribute parsing and hidden attributes are reached), without a secret
 * ({@code decodeUnverified}), and what decodes is unfolded, printed and forwarded ({@link DecodedPackets}).
 * Seeds: requests from radclient, radeapclient and eapol_test ({@code fuzz/decode-request}).
 */
class DecodeRequestFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 20_000;
    private static final FuzzTarget TARGET = new FuzzTarget("decode-request", RUNS);
    private static final Resign RESIGN = new Resign(CaptureCorpus.SECRET);

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void decodeRequest(byte[] input) throws Exception {
        TARGET.ran();
        decode(input, MessageAuthenticatorPolicy.REQUIRE);
        decode(RESIGN.request(input), MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        try {
            DecodedPackets.walk(CODEC.decodeUnverified(input, 0, input.length));
        } catch (RadiusDecodeException expected) {
            // the one allowed failure
        }
    }

    private static void decode(byte[] wire, MessageAuthenticatorPolicy policy) throws RadiusDecodeException {
        RadiusPacket p;
        try {
            p = CODEC.decodeRequest(wire, 0, wire.length, SECRET, policy);
        } catch (RadiusDecodeException expected) {
            return;
        }
        DecodedPackets.walk(p);
        DecodedPackets.forwardRequest(p);
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
