package dev.radsec.transport.internal;

import java.util.ArrayList;
import java.util.List;

/** Links the test drives by hand: it sees what is sent and decides what comes back. */
final class FakeLinks implements Link.Factory {
    final List<FakeLink> opened = new ArrayList<>();
    /** When set, links fail while being opened, as a refused loopback connect can. */
    String failOnOpen;

    final class FakeLink implements Link {
        final Link.Listener listener;
        final List<byte[]> sent = new ArrayList<>();
        boolean closed;

        FakeLink(Link.Listener listener) {
            this.listener = listener;
        }

        void up() {
            listener.up(this, LinkInfo.NONE);
        }

        void deliver(byte[] packet) {
            listener.packet(this, packet);
        }

        @Override
        public synchronized void send(byte[] packet) {
            sent.add(packet);
        }

        @Override
        public void close(String reason) {
            if (!closed) {
                closed = true;
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
