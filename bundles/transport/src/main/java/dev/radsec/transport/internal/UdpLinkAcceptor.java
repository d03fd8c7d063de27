package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts RADIUS/UDP links on a listener's address. A link is one client address and port: up from its first
 * datagram, one packet per datagram, answers leaving from the port requests came in on, down after a quiet minute
 * or when the acceptor closes.
 *
 * <p>Not MINA's datagram acceptor, which reads one datagram per selector wake-up into a new buffer and queues
 * every answer for its own thread to write. Here one thread per listener blocks in {@code receive}, so it drains
 * every queued datagram without a wake-up between them into one reused buffer, and an answer is sent by the thread
 * that has it (the I/O thread that read it from the destination): one system call, no hand-off. A UDP send never
 * blocks for long: the kernel drops rather than waits when its buffer is full, as it would for any UDP server.
 */
final class UdpLinkAcceptor implements Link.Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(UdpLinkAcceptor.class);
    /** Larger than any RADIUS packet (4096), so that an oversized datagram is seen as such and refused. */
    private static final int DATAGRAM = 4097;
    /** How long a client address is remembered without a datagram. */
    static final Duration IDLE = Duration.ofSeconds(60);

    private final InetSocketAddress address;
    private final Scheduler timer;
    private final Map<SocketAddress, Accepted> clients = new ConcurrentHashMap<>();
    private DatagramChannel channel;
    private Scheduler.Cancellable sweep;
    private volatile boolean closed;

    UdpLinkAcceptor(ListenerSettings settings, Scheduler timer) {
        this.address = new InetSocketAddress(settings.address, settings.port);
        this.timer = timer;
    }

    @Override
    public void bind(Link.Listener listener) throws IOException {
        channel = ListenerChannels.bind(address);
        ListenerChannels.startReader("radsec-udp-" + localAddress().getPort(), () -> read(listener));
        scheduleSweep();
    }

    private void read(Link.Listener listener) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(DATAGRAM);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                byte[] packet = new byte[buffer.flip().remaining()];
                buffer.get(packet);
                Accepted link = clients.get(from);
                if (link != null) {
                    link.lastHeard = timer.clock().millis(); // per datagram: no Instant allocated
                }
                // a link the sweep just ended takes no packet: this one then opens the address's next link
                if (link == null || !link.report.packet(packet)) {
                    link = new Accepted((InetSocketAddress) from, listener);
                    clients.put(from, link);
                    link.report.up(LinkInfo.plain((InetSocketAddress) from));
                    link.report.packet(packet);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad datagram or handler failure must not end the listener
                LOG.warn("UDP listener {}: {}", address, e.toString());
            }
        }
    }

    /** Forgets client addresses quiet for {@link #IDLE}, reporting their links down. */
    private void scheduleSweep() {
        sweep = timer.schedule(IDLE, () -> {
            long before = timer.clock().millis() - IDLE.toMillis();
            clients.values().removeIf(link -> {
                boolean quiet = link.lastHeard <= before;
                if (quiet) {
                    link.report.down("no datagram for a while");
                }
                return quiet;
            });
            if (!closed) {
                scheduleSweep();
            }
        });
    }

    /** One client address's datagrams. */
    private final class Accepted implements Link {
        final InetSocketAddress remote;
        final LinkReporter report;
        volatile long lastHeard = timer.clock().millis();

        Accepted(InetSocketAddress remote, Link.Listener listener) {
            this.remote = remote;
            this.report = new LinkReporter(this, listener);
        }

        @Override
        public void send(byte[] packet) {
            try {
                channel.send(ByteBuffer.wrap(packet), remote);
            } catch (IOException e) {
                LOG.debug("UDP listener {}: answer to {} not sent: {}", address, remote, e.toString());
            }
        }

        @Override
        public void close(String reason) {
            clients.remove(remote, this);
            report.down(reason);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return ListenerChannels.localAddress(channel, address);
    }

    @Override
    public void close() {
        closed = true;
        if (sweep != null) {
            sweep.cancel();
        }
        try {
            if (channel != null) { // null when binding failed: the bind's error is the one to report
                channel.close(); // ends the blocking receive
            }
        } catch (IOException e) {
            LOG.debug("UDP listener {}: close: {}", address, e.toString());
        }
        for (Accepted link : clients.values()) {
            link.report.down("the listener closed");
        }
        clients.clear();
    }
}
