package dev.radsec.transport.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The fake links DestinationClientTest drives keep the contract the real transports keep. */
class FakeLinkContractTest extends LinkContractTest {
    private final FakeLinks links = new FakeLinks();
    /** Per link, how many of its sent packets the fake peer has answered. */
    private final Map<FakeLinks.FakeLink, Integer> answered = new HashMap<>();

    @Override
    Link open(Link.Listener listener) {
        links.failOnOpen = null;
        return links.open(listener);
    }

    @Override
    Link openRefused(Link.Listener listener) {
        links.failOnOpen = "connection refused";
        return links.open(listener);
    }

    @Override
    Duration settle() {
        return Duration.ZERO;
    }

    /** What a server does: accept the connection, answer each request with an Access-Accept. */
    @Override
    void peerActs() {
        for (FakeLinks.FakeLink link : links.opened) {
            link.up();
            int done = answered.getOrDefault(link, 0);
            for (byte[] request : link.sent.subList(done, link.sent.size())) {
                byte[] answer = request.clone();
                answer[0] = 2;
                link.deliver(answer);
            }
            answered.put(link, link.sent.size());
        }
    }
}
