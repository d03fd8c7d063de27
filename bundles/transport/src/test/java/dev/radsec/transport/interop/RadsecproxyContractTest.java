package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.RadsecproxyProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract over RadSec to a real radsecproxy 1.9.2 (mutual TLS with the test PKI's server certificate; it
 * always asks for and verifies our client certificate), which proxies to FreeRADIUS's UDP auth and accounting
 * ports. radsecproxy answers Status-Server itself.
 *
 * <p>{@code max-outstanding = 256} here, for a limit of radsecproxy's own: it keeps at most 256 requests outstanding towards one upstream server (an 8-bit Identifier
 * space per server), whatever number of client connections they came in on. Our client carries up to 256 per TLS
 * connection and opens more connections (4 for 1,000 requests), so radsecproxy may hold more than 256 for its one
 * UDP upstream when FreeRADIUS lags; it then logs "sendrq: no room in queue for server upstream-auth, dropping
 * request" and never answers those, which timed out here (one run: 26 such lines, 26 timeouts) before the
 * destination kept its outstanding requests within 256. The radsecproxy log is printed when a test fails.
 */
class RadsecproxyContractTest extends PeerContract {
    @TempDir
    static Path dir;
    static Peer peer;
    static RadsecproxyProcess proxy;

    /** On a failure, radsecproxy's log (without the per-request lines) and our statistics tell what happened. */
    @RegisterExtension
    static final TestWatcher LOG_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (proxy != null) {
                System.out.println("---- " + context.getDisplayName() + " failed; " + peer.client.statistics(21)
                        + "\n" + proxy.log().lines()
                        .filter(l -> !l.contains(" for user ") || l.contains("no room") || l.contains("rror"))
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        peer = new Peer(dir);
        proxy = peer.radsecproxy(dir);
        // radsecproxy drops what exceeds 256 outstanding towards one upstream: max-outstanding keeps within it.
        peer.radsecDestination(21, "port", String.valueOf(proxy.port()), "max-tx-buffers", "1000",
                "max-outstanding", "256");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (peer != null) {
                peer.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    RadsecproxyContractTest() {
        super(() -> peer, 21);
    }

}
