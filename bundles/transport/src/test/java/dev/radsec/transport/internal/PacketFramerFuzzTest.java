package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.fuzz.FuzzTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RadSec stream framer ({@link PacketFramer}) on any byte stream a peer may send over TLS: only
 * {@link PacketFramer.FramingException} may come out, and what comes out must be right. The input is fed three
 * ways, whole, byte by byte and in uneven chunks (as TLS records and TCP segments cut it), and each must give
 * exactly the packets a plain reading of the Length fields gives, then the FramingException at the first Length
 * outside 20..4096 if there is one. In the same package as the framer, which is package-private.
 * Seeds: the captured radclient, eapol_test and FreeRADIUS packets back to back ({@code fuzz/framer}).
 */
class PacketFramerFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 20_000;
    private static final FuzzTarget TARGET = new FuzzTarget("framer", RUNS);
    /** Chunk sizes, cycled: around the 4-octet header and the 20-octet minimum, and a TLS record's worth. */
    private static final int[] CHUNKS = {3, 17, 1, 4, 20, 255, 2, 16384};

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void frame(byte[] input) {
        TARGET.ran();
        Outcome expected = reference(input);
        expected.assertSame(feed(input, new int[] {Math.max(1, input.length)}), "whole");
        expected.assertSame(feed(input, new int[] {1}), "byte by byte");
        expected.assertSame(feed(input, CHUNKS), "in chunks");
    }

    /** Packets and whether the stream was refused. */
    private record Outcome(List<byte[]> packets, boolean refused) {
        void assertSame(Outcome actual, String how) {
            assertEquals(refused, actual.refused, how + ": refused");
            assertEquals(packets.size(), actual.packets.size(), how + ": packets");
            for (int i = 0; i < packets.size(); i++) {
                assertArrayEquals(packets.get(i), actual.packets.get(i), how + ": packet " + i);
            }
        }
    }

    /** What the Length fields say, read without the framer. */
    private static Outcome reference(byte[] in) {
        List<byte[]> packets = new ArrayList<>();
        int at = 0;
        while (in.length - at >= 4) {
            int length = (in[at + 2] & 0xFF) << 8 | (in[at + 3] & 0xFF);
            if (length < 20 || length > 4096) {
                return new Outcome(packets, true);
            }
            if (in.length - at < length) {
                break;
            }
            packets.add(Arrays.copyOfRange(in, at, at + length));
            at += length;
        }
        return new Outcome(packets, false);
    }

    private static Outcome feed(byte[] in, int[] chunks) {
        PacketFramer framer = new PacketFramer();
        List<byte[]> packets = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < in.length; i++) {
            int n = Math.min(chunks[i % chunks.length], in.length - at);
            IoBuffer buffer = IoBuffer.wrap(in, at, n);
            at += n;
            try {
                framer.feed(buffer, packets::add);
            } catch (PacketFramer.FramingException e) {
                return new Outcome(packets, true);
            }
        }
        return new Outcome(packets, false);
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
