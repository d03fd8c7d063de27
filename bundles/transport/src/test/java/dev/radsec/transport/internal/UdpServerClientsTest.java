package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.UdpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Clients of servers named by address are bounded: idle ones are closed, busy ones never. */
class UdpServerClientsTest {
    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-02T00:00:00Z"));
    private final UdpServerClients clients = new UdpServerClients(timer.clock());
    private final List<FakeLinks> links = new ArrayList<>();

    private UdpServerClients.Entry open(UdpServer server) {
        try {
            DestinationSettings s = DestinationSettings.parse(Map.of("id", "65535", "protocol", "udp",
                    "address", "127.0.0.1", "port", String.valueOf(server.address().getPort()), "secret", "nas-secret"));
            FakeLinks l = new FakeLinks();
            links.add(l);
            DestinationClient c = new DestinationClient(s, RadiusDictionary.of(Dictionary.standard()), timer, l,
                    Runnable::run);
            c.start();
            l.last().up();
            return new UdpServerClients.Entry(c, () -> { });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static UdpServer nas(int port) {
        return new UdpServer(new InetSocketAddress("127.0.0.1", port), "nas-secret", Duration.ofSeconds(3), 3,
                RequireMessageAuth.FALSE);
    }

    @Test
    void oneClientPerServer() {
        assertSame(clients.get(nas(3799), this::open), clients.get(nas(3799), this::open));
        assertEquals(1, clients.size());
    }

    @Test
    void beyondCapacityTheLeastRecentlyUsedIdleClientIsClosedButABusyOneStays() {
        DestinationClient busy = clients.get(nas(1), this::open);
        CompletableFuture<RadiusPacket> inFlight = busy.submit(RadiusPacket.builder(PacketCode.DISCONNECT_REQUEST,
                Dictionary.standard()).add("User-Name", "alice").build());
        for (int port = 2; port <= UdpServerClients.CAPACITY + 10; port++) {
            clients.get(nas(port), this::open);
        }
        assertEquals(UdpServerClients.CAPACITY, clients.size(), "bounded");
        assertFalse(inFlight.isDone(), "the busy client was not closed under its request");
        assertSame(busy, clients.get(nas(1), this::open), "and is still the one for its server");
    }

    @Test
    void aClientUnusedForTheIdleTimeIsClosedWhenAnotherIsOpened() {
        DestinationClient old = clients.get(nas(1), this::open);
        timer.advance(UdpServerClients.IDLE);
        clients.get(nas(2), this::open);
        assertEquals(1, clients.size());
        assertTrue(links.get(0).last() != null);
        assertFalse(old == clients.get(nas(1), this::open), "a new client for the server once it is used again");
    }
}
