package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerNames;
import dev.radsec.pki.PeerWatch;
import dev.radsec.transport.internal.dtls.DtlsSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RADIUS/DTLS links to one destination (RFC 7360): each link is its own connected datagram socket and DTLS session,
 * read by a thread of its own (a destination has at most a few links), up once the handshake completed and the
 * server's certificate names {@code tls-peer-name}. Requests are retransmitted as over UDP (RFC 7360 section 5).
 *
 * <p>A DTLS server that restarts has forgotten the session and silently drops its records, so a link that has sent
 * and heard nothing back for twice {@code tls-timeout} closes, and the destination opens a new session for the
 * requests that wait: with or without the Status-Server watchdog (radsecproxy's issues 61 and 148 are the bug this
 * avoids).
 */
final class DtlsLinkFactory implements Link.Factory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsLinkFactory.class);
    private final DestinationSettings settings;
    private final CredentialService pki;
    private final Scheduler timer;
    private final SSLContext context;

    DtlsLinkFactory(DestinationSettings settings, CredentialService pki, Scheduler timer) {
        this.settings = settings;
        this.pki = pki;
        this.timer = timer;
        this.context = Dtls.context(pki, settings.tlsCertificate, settings.tlsTrust);
    }

    @Override
    public RetransmitPolicy retransmits() {
        return RetransmitPolicy.RFC_5080;
    }

    @Override
    public Link open(Link.Listener listener) {
        DtlsLink link = new DtlsLink(listener);
        Thread reader = new Thread(link::run, "radsec-dtls-" + settings.id);
        reader.setDaemon(true);
        reader.start();
        return link;
    }

    private final class DtlsLink implements Link, DtlsSession.Io {
        final LinkReporter report;
        final InetSocketAddress remote = new InetSocketAddress(settings.address, settings.port);
        volatile DatagramChannel channel;
        volatile DtlsSession session;
        volatile PeerWatch watch;
        volatile boolean closed;
        /** When the oldest send not followed by any datagram from the server was made (clock millis); 0: none. */
        private long unansweredSince;
        private Scheduler.Cancellable silenceCheck = Scheduler.Cancellable.NONE;

        DtlsLink(Link.Listener listener) {
            this.report = new LinkReporter(this, listener);
        }

        void run() {
            try (DatagramChannel c = DatagramChannel.open()) {
                channel = c;
                c.setOption(StandardSocketOptions.SO_RCVBUF, UdpLinkFactory.RECEIVE_BUFFER);
                if (settings.sourceAddress != null) {
                    c.bind(new InetSocketAddress(settings.sourceAddress, 0));
                }
                c.connect(remote);
                session = new DtlsSession(Dtls.client(context, remote, settings.tlsPeerName), timer, settings.tlsTimeout,
                        settings.mtu, this);
                if (closed) {
                    return;
                }
                session.begin();
                ByteBuffer buffer = ByteBuffer.allocateDirect(DtlsSession.MAX_DATAGRAM);
                while (!closed) {
                    buffer.clear();
                    try {
                        c.receive(buffer);
                    } catch (java.net.PortUnreachableException e) {
                        continue; // ICMP: the server is not there (yet); the handshake retransmits or times out
                    }
                    session.received(buffer.flip());
                }
            } catch (ClosedChannelException e) {
                // closed
            } catch (IOException | RuntimeException e) {
                failed("DTLS socket: " + e.getMessage());
            }
        }

        @Override
        public void send(ByteBuffer datagram) {
            try {
                DatagramChannel c = channel;
                if (c != null && c.isOpen()) {
                    c.write(datagram);
                }
            } catch (IOException e) {
                LOG.debug("Destination {}: datagram not sent: {}", settings.id, e.toString());
            }
        }

        @Override
        public void packet(byte[] packet) {
            synchronized (this) {
                unansweredSince = 0; // the server still knows the session
            }
            report.packet(packet);
        }

        @Override
        public void secured() {
            LinkInfo peer = Dtls.peer(remote, session.engine());
            if (peer == null) {
                close("the server presented no certificate");
                return;
            }
            if (!PeerNames.matches(peer.peerChain[0], settings.tlsPeerName)) {
                close("the peer certificate does not name '" + settings.tlsPeerName + "': it has "
                        + PeerNames.names(peer.peerChain[0]));
                return;
            }
            watch = pki.watchPeer(settings.tlsTrust, peer.peerChain,
                    reason -> close("peer certificate no longer valid: " + reason));
            if (!report.up(peer)) {
                stop();
            }
        }

        @Override
        public void failed(String reason) {
            close(reason);
        }

        @Override
        public void send(byte[] packet) {
            DtlsSession s = session;
            if (s != null && s.send(packet)) {
                watchForSilence();
            }
        }

        /** After a send: unless the server answers something within twice tls-timeout, the session is gone. */
        private synchronized void watchForSilence() {
            if (unansweredSince != 0 || closed) {
                return;
            }
            long sent = timer.clock().millis();
            unansweredSince = sent;
            java.time.Duration patience = settings.tlsTimeout.multipliedBy(2);
            silenceCheck = timer.schedule(patience, () -> {
                boolean silent;
                synchronized (this) {
                    silent = unansweredSince == sent; // else answered since, and perhaps a newer send waits
                }
                if (silent) {
                    close("no answer from the server for " + patience.getSeconds() + " s: its DTLS session is gone");
                }
            });
        }

        @Override
        public void close(String reason) {
            stop();
            report.down(reason);
        }

        private void stop() {
            closed = true;
            silenceCheck.cancel();
            PeerWatch w = watch;
            if (w != null) {
                w.close();
            }
            DtlsSession s = session;
            if (s != null) {
                s.close();
            }
            DatagramChannel c = channel;
            if (c != null) {
                try {
                    c.close(); // ends the reader's receive
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    @Override
    public void close() {
        // links close themselves; nothing shared to release
    }
}
