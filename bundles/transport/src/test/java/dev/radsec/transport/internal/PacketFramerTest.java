package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.api.Test;

/** Cutting a TCP/TLS byte stream into RADIUS packets by their Length field (RFC 6614 section 2.5). */
class PacketFramerTest {
    private final PacketFramer framer = new PacketFramer();
    private final List<byte[]> out = new ArrayList<>();

    /** A packet of {@code length} bytes whose Identifier is {@code id} and whose body bytes are {@code id} too. */
    private static byte[] packet(int id, int length) {
        byte[] p = new byte[length];
        Arrays.fill(p, (byte) id);
        p[0] = 1;
        p[1] = (byte) id;
        p[2] = (byte) (length >> 8);
        p[3] = (byte) length;
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        IoBuffer b = IoBuffer.allocate(64).setAutoExpand(true);
        for (byte[] p : parts) {
            b.put(p);
        }
        b.flip();
        byte[] all = new byte[b.remaining()];
        b.get(all);
        return all;
    }

    private void feed(byte[] bytes) throws PacketFramer.FramingException {
        framer.feed(IoBuffer.wrap(bytes), out::add);
    }

    /** Exactly {@code packets} came out so far, in that order. */
    private void assertFramed(byte[]... packets) {
        assertEquals(packets.length, out.size());
        for (int i = 0; i < packets.length; i++) {
            assertArrayEquals(packets[i], out.get(i));
        }
    }

    @Test
    void aWholePacketComesOutAsItWent() throws Exception {
        byte[] p = packet(7, 38);
        feed(p);
        assertFramed(p);
    }

    @Test
    void severalPacketsInOneReadComeOutInOrder() throws Exception {
        byte[] a = packet(1, 20);
        byte[] b = packet(2, 100);
        byte[] c = packet(3, 4096);
        feed(concat(a, b, c));
        assertFramed(a, b, c);
    }

    @Test
    void aPacketSplitAtAnyByteComesOutOnceWhole() throws Exception {
        byte[] p = packet(9, 60);
        for (int cut = 1; cut < p.length; cut++) {
            PacketFramer f = new PacketFramer();
            List<byte[]> got = new ArrayList<>();
            f.feed(IoBuffer.wrap(Arrays.copyOfRange(p, 0, cut)), got::add);
            assertTrue(got.isEmpty(), "nothing before the last byte, cut at " + cut);
            f.feed(IoBuffer.wrap(Arrays.copyOfRange(p, cut, p.length)), got::add);
            assertEquals(1, got.size(), "cut at " + cut);
            assertArrayEquals(p, got.get(0));
        }
    }

    @Test
    void aPacketDribbledOneByteAtATimeComesOutOnce() throws Exception {
        byte[] p = packet(4, 44);
        for (byte b : p) {
            feed(new byte[] {b});
        }
        assertFramed(p);
    }

    @Test
    void theStartOfTheNextPacketIsKeptForTheNextRead() throws Exception {
        byte[] a = packet(1, 30);
        byte[] b = packet(2, 50);
        byte[] both = concat(a, b);
        feed(Arrays.copyOfRange(both, 0, 40));
        assertEquals(1, out.size());
        feed(Arrays.copyOfRange(both, 40, both.length));
        assertFramed(a, b);
    }

    @Test
    void manyLargestPacketsAtOnceOutgrowTheInitialBuffer() throws Exception {
        byte[] p = packet(5, 4096);
        feed(concat(p, p, p, p));
        assertEquals(4, out.size());
    }

    @Test
    void aLengthNoPacketCanHaveCannotBeResynchronised() {
        byte[] tooShort = packet(1, 20);
        tooShort[3] = 19;
        PacketFramer.FramingException e = assertThrows(PacketFramer.FramingException.class, () -> feed(tooShort));
        assertTrue(e.getMessage().contains("19"), e.getMessage());

        byte[] tooLong = {1, 1, 0x10, 0x01}; // 4097: the header alone tells
        assertThrows(PacketFramer.FramingException.class,
                () -> new PacketFramer().feed(IoBuffer.wrap(tooLong), out::add));
    }

    @Test
    void packetsBeforeABadLengthAreStillDelivered() {
        byte[] good = packet(1, 20);
        byte[] bad = {1, 2, 0, 3};
        assertThrows(PacketFramer.FramingException.class, () -> feed(concat(good, bad)));
        assertFramed(good);
    }
}
