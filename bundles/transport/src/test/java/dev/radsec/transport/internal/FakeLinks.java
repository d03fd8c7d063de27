package dev.radsec.transport.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Links the test drives by hand: it sees what is sent and decides what comes back. They keep {@link Link}'s
 * contract as real links do (LinkContractTest checks it): up once, packets only while up, one down.
 */
final class FakeLinks implements Link.Factory {
    final List<FakeLink> opened = new ArrayList<>();
    /** What the links' transport would do: reliable by default, RFC 5080 for a test of UDP behaviour. */
    RetransmitPolicy retransmits = RetransmitPolicy.NEVER;

    @Override
    public RetransmitPolicy retransmits() {
        return retransmits;
    }
    /** When set, links fail while being opened, as a refused loopback connect can. */
    String failOnOpen;

    final class FakeLink implements Link {
        final Link.Listener listener;
        final List<byte[]> sent = new ArrayList<>();
        boolean up;
        boolean closed;
        /** Why it was closed, by us or by the "network". */
        String closedFor;

        FakeLink(Link.Listener listener) {
            this.listener = listener;
        }

        void up() {
            if (!up && !closed) {
                up = true;
                listener.up(this, LinkInfo.NONE);
            }
        }

        void deliver(byte[] packet) {
            if (up && !closed) {
                listener.packet(this, packet);
            }
        }

        @Override
        public synchronized void send(byte[] packet) {
            sent.add(packet);
        }

        @Override
        public void close(String reason) {
            if (!closed) {
                closed = true;
                closedFor = reason;
                listener.down(this, reason);
            }
        }
    }

    @Override
    public synchronized Link open(Link.Listener listener) {
        FakeLink l = new FakeLink(listener);
        opened.add(l);
        if (failOnOpen != null) {
            l.close(failOnOpen);
        }
        return l;
    }

    FakeLink last() {
        return opened.get(opened.size() - 1);
    }
}
