package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.internal.RadiusClientImpl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay killed with SIGKILL while accounting is spooled, and a new one started on the same spool: nothing the
 * NAS was answered for is lost, nothing is sent twice. The relay runs in a JVM of its own ({@link SpoolingRelayMain});
 * FreeRADIUS 3.2.1 is not running while the NAS (our UDP client, 200 records a second, each resent until answered)
 * sends, so every record is spooled; the first relay is killed in the middle of it, the second takes over on the
 * same port and spool, and only then FreeRADIUS is started. Every record is in its detail files exactly once.
 */
class AccountingRelayKillTest {
    static final String NAS_SECRET = "nas-secret-kill";
    static final int RATE = 200;
    static final int TOTAL = 2000;

    @TempDir
    Path dir;

    /** A relay JVM and the lines it prints. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Path log;
        volatile String lastSpool = "";

        Child(List<String> command, Path log) throws IOException {
            this.log = log;
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("SPOOL ")) {
                            lastSpool = line;
                        } else {
                            lines.add(line);
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "relay-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line = null;
            while (line == null && process.isAlive() && System.nanoTime() < deadline) {
                line = lines.poll(100, TimeUnit.MILLISECONDS);
            }
            if (!"READY".equals(line)) {
                throw new AssertionError("the relay did not start (" + line + "): " + Files.readString(log));
            }
        }

        /** The counters of its last SPOOL line: records, spooled, replayed, duplicates, torn, full. */
        long[] spool() {
            String[] f = lastSpool.split(" ");
            long[] v = new long[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = Long.parseLong(f[i]);
            }
            return v;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }

    private Child relay(Path spool, TestPkiPaths pki, int radsecPort, int acctPort, int n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), SpoolingRelayMain.class.getName(),
                spool.toString(), pki.ca, pki.certificate, pki.key, String.valueOf(radsecPort),
                String.valueOf(acctPort), NAS_SECRET));
        return new Child(command, dir.resolve("relay-" + n + ".log"));
    }

    private record TestPkiPaths(String ca, String certificate, String key) {
    }

    @Test
    void aRelayKilledWhileAccountingIsSpooledLosesNothingAndSendsNothingTwice() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        NasSide nasSide = new NasSide(dir.resolve("nas"));
        TestPkiPaths pki = new TestPkiPaths(nasSide.pki.caCertificate().toString(),
                nasSide.pki.client().certificate().toString(), nasSide.pki.client().key().toString());
        int radsecPort = FreeRadiusProcess.freeTcpPort();
        int acctPort = FreeRadiusProcess.freeUdpPort();
        Path spool = dir.resolve("data/radsec/spool");
        RadiusClientImpl nasClient = new RadiusClientImpl(nasSide.credentials, Dictionary.standard(), nasSide.timer);
        FreeRadiusProcess freeRadius = null;
        Child second = null;
        try (AccountingNas nas = new AccountingNas(nasClient, 9, "kill")) {
            nasClient.destinationConfigured("nas", Map.of("id", "9", "address", "127.0.0.1", "protocol", "udp",
                    "port", String.valueOf(acctPort), "accounting-port", String.valueOf(acctPort),
                    "secret", NAS_SECRET, "timeout", "1", "retries", "2", "max-tx-buffers", "2000"));
            long[] atKill;
            try (Child first = relay(spool, pki, radsecPort, acctPort, 1)) {
                first.awaitReady();
                nas.start(TOTAL, RATE);
                while (nas.answered() < TOTAL / 3) {
                    Thread.sleep(10);
                }
                first.kill(); // SIGKILL, with records being stored
                atKill = first.spool();
                assertEquals(137, first.process.exitValue(), "killed by SIGKILL");
            }
            int answeredAtKill = nas.answered();
            second = relay(spool, pki, radsecPort, acctPort, 2);
            second.awaitReady();
            assertTrue(nas.awaitAnswered(Duration.ofSeconds(60)), "the NAS got an answer for every record: "
                    + nas.answered() + " of " + TOTAL + "; " + nasClient.statistics(9).orElseThrow() + "; relay: "
                    + second.lastSpool + "\n" + Files.readString(second.log));
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (second.spool().length == 0 || second.spool()[0] < TOTAL && System.nanoTime() < settle) {
                Thread.sleep(20); // its next report
            }
            long[] beforeServer = second.spool();
            assertEquals(TOTAL, beforeServer[0], "every record waits in the spool before FreeRADIUS starts");
            freeRadius = Peer.serverBuilder(dir.resolve("freeradius"), nasSide.pki, radsecPort).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (second.spool().length == 0 || second.spool()[0] > 0) {
                assertTrue(System.nanoTime() < deadline, "the spool drains: " + second.lastSpool);
                Thread.sleep(20);
            }
            long[] drained = second.spool();
            Map<String, Integer> detail = nas.detail(dir.resolve("freeradius"));
            Map<String, Integer> wrong = nas.notExactlyOnce(detail);
            System.out.printf("relay kill: %d records at %d/s; first relay killed with %d answered (%d spooled, its"
                            + " last report); the second found %d waiting (%d torn), answered %d retransmissions as"
                            + " duplicates, held %d before FreeRADIUS started, replayed %d; NAS resent %d; detail"
                            + " files: %d sessions, %d not exactly once%n", TOTAL, RATE, answeredAtKill, atKill[1],
                    beforeServer[0] - beforeServer[1] + beforeServer[2], drained[4], drained[3], beforeServer[0],
                    drained[2], nas.resent(), detail.size(), wrong.size());
            assertEquals(Map.of(), wrong, "sessions in the detail files other than once");
            assertEquals(0, drained[0]);
            assertEquals(0, drained[5], "never full");
        } finally {
            if (second != null) {
                second.close();
            }
            if (freeRadius != null) {
                freeRadius.close();
            }
            nasClient.close();
            nasSide.closePki();
        }
    }

    /** The NAS's side: the test PKI (whose client certificate the relays use) and a timer. */
    private static final class NasSide extends OurSide {
        NasSide(Path dir) throws Exception {
            super(dir, "nas");
        }
    }
}
