package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.RadiusRequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link Link}'s contract, which DestinationClient relies on and which every transport and the fake links keep:
 * a link reports up, then packets, then down exactly once; a link that never comes up (refused, or closed first)
 * reports one down and no up. Each subclass puts one transport behind {@link #open} and {@link #openRefused}.
 */
abstract class LinkContractTest {
    static final Dictionary DICTIONARY = Dictionary.standard();
    static final String SECRET = "link-contract-secret";
    /** Answers every request with an Access-Accept, as the subclasses' listeners do. */
    static final RadiusRequestHandler ACCEPT_ALL = (context, request) ->
            CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).build());

    /** What the link under test reports; a fresh one for each test. */
    final LinkEvents events = new LinkEvents();

    /** Opens a link to a peer that answers every request it is sent. */
    abstract Link open(Link.Listener listener) throws Exception;

    /** Opens a link that the network or the peer refuses. */
    abstract Link openRefused(Link.Listener listener) throws Exception;

    /** How long to wait for reports that must not come. */
    abstract Duration settle();

    /** Plays the peer where it does not act by itself: fake links need the test to bring them up and answer. */
    void peerActs() {
    }

    static byte[] request(int identifier) {
        return new PacketCodec(DICTIONARY).encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICTIONARY)
                .identifier(identifier).add("User-Name", "alice").build(), SharedSecret.of(SECRET));
    }

    /** Opens a link to the answering peer and waits until it reports up. */
    Link openUp() throws Exception {
        Link link = open(events);
        peerActs();
        events.awaitUp();
        return link;
    }

    @Test
    void aLinkComesUpCarriesPacketsBothWaysAndGoesDownOnceWhenClosed() throws Exception {
        Link link = openUp();
        for (int id = 1; id <= 3; id++) {
            link.send(request(id));
        }
        peerActs();
        events.awaitPackets(3);
        link.close("test over");
        peerActs();
        events.awaitDown();
        events.assertAfterSettling(settle(), List.of("up", "packet", "packet", "packet", "down: test over"));
        Set<Integer> answered = new TreeSet<>();
        for (byte[] p : events.packets()) {
            assertEquals(PacketCode.ACCESS_ACCEPT.code(), p[0] & 0xFF);
            answered.add(p[1] & 0xFF);
        }
        assertEquals(Set.of(1, 2, 3), answered, "each request's answer, whole");
    }

    @Test
    void aSecondCloseReportsNothingMore() throws Exception {
        Link link = openUp();
        link.close("first");
        link.close("second");
        peerActs();
        events.assertAfterSettling(settle(), List.of("up", "down: first"));
    }

    @Test
    void aRefusedLinkReportsOneDownAndNoUp() throws Exception {
        openRefused(events);
        peerActs();
        events.awaitDown();
        events.assertOnlyDown(settle());
    }

    @Test
    void aLinkClosedAtOnceReportsOneDownAndNothingAfterIt() throws Exception {
        Link link = open(events);
        link.close("changed my mind");
        peerActs();
        // A UDP link may be up before open returns; a connecting one must not come up once closed.
        events.assertAfterSettling(settle(), events.events().contains("up")
                ? List.of("up", "down: changed my mind") : List.of("down: changed my mind"));
    }

    @Test
    void sendingOnAClosedLinkIsHarmless() throws Exception {
        Link link = openUp();
        link.close("done");
        link.send(request(7));
        peerActs();
        events.assertAfterSettling(settle(), List.of("up", "down: done"));
    }
}
