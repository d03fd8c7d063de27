package dev.radsec.benchmarks;

import static dev.radsec.benchmarks.BenchmarkPackets.ACCT_DELAY_TIME;
import static dev.radsec.benchmarks.BenchmarkPackets.ACCT_SESSION_ID;
import static dev.radsec.benchmarks.BenchmarkPackets.CALLED_STATION_ID;
import static dev.radsec.benchmarks.BenchmarkPackets.CALLING_STATION_ID;
import static dev.radsec.benchmarks.BenchmarkPackets.FRAMED_IP_ADDRESS;
import static dev.radsec.benchmarks.BenchmarkPackets.IDENTIFIER;
import static dev.radsec.benchmarks.BenchmarkPackets.NAS_IP_ADDRESS;
import static dev.radsec.benchmarks.BenchmarkPackets.NAS_PORT;
import static dev.radsec.benchmarks.BenchmarkPackets.SECRET;
import static dev.radsec.benchmarks.BenchmarkPackets.USER_NAME;
import static dev.radsec.benchmarks.BenchmarkPackets.USER_PASSWORD;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our codec on the packets of {@link BenchmarkPackets}, doing the same work as {@link TinyRadiusCodecBenchmark}:
 * <ul>
 *   <li><b>encode</b>: build the packet from dictionary names and values, then encode it (random Request
 *       Authenticator, User-Password hiding, Message-Authenticator; MD5 Request Authenticator for accounting).
 *       {@code ...EncodeIntoBuffer} writes into a reused buffer instead of a new array.</li>
 *   <li><b>decode</b>: decode and verify (Message-Authenticator, resp. the Accounting Request Authenticator),
 *       then read the values a server needs first, revealing User-Password.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RadsecCodecBenchmark {
    private final Dictionary dictionary = Dictionary.standard();
    private final PacketCodec codec = new PacketCodec(dictionary);
    private final SharedSecret secret = SharedSecret.of(SECRET);
    private final ByteBuffer buffer = ByteBuffer.allocate(RadiusPacket.MAX_LENGTH);

    private byte[] accessRequestBytes;
    private byte[] accountingRequestBytes;

    @Setup
    public void setUp() throws RadiusDecodeException {
        accessRequestBytes = accessRequestEncode();
        accountingRequestBytes = accountingRequestEncode();
        RadiusPacket access = codec.decodeRequest(accessRequestBytes, secret);
        check(USER_PASSWORD.equals(access.first("User-Password").orElseThrow().asString()), "User-Password");
        check(access.attributes().size() == 7, "Access-Request has 7 attributes");
        RadiusPacket accounting = codec.decodeRequest(accountingRequestBytes, secret);
        check(accounting.attributes().size() == 7, "Accounting-Request has 7 attributes");
        try {
            codec.decodeRequest(accessRequestBytes, SharedSecret.of("wrong-secret"));
            check(false, "wrong secret rejected");
        } catch (RadiusDecodeException expected) {
            // verification really runs
        }
    }

    private RadiusPacket accessRequest() {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dictionary).identifier(IDENTIFIER)
                .add("User-Name", USER_NAME)
                .add("User-Password", USER_PASSWORD)
                .add("NAS-IP-Address", NAS_IP_ADDRESS)
                .add("NAS-Port", NAS_PORT)
                .add("Called-Station-Id", CALLED_STATION_ID)
                .add("Calling-Station-Id", CALLING_STATION_ID)
                .build();
    }

    private RadiusPacket accountingRequest() {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, dictionary).identifier(IDENTIFIER)
                .add("Acct-Status-Type", "Start")
                .add("Acct-Session-Id", ACCT_SESSION_ID)
                .add("User-Name", USER_NAME)
                .add("NAS-IP-Address", NAS_IP_ADDRESS)
                .add("NAS-Port", NAS_PORT)
                .add("Framed-IP-Address", FRAMED_IP_ADDRESS)
                .add("Acct-Delay-Time", ACCT_DELAY_TIME)
                .build();
    }

    @Benchmark
    public byte[] accessRequestEncode() {
        return codec.encodeRequest(accessRequest(), secret);
    }

    @Benchmark
    public int accessRequestEncodeIntoBuffer() {
        buffer.clear();
        return codec.encodeRequest(accessRequest(), secret, buffer);
    }

    @Benchmark
    public void accessRequestDecode(Blackhole bh) throws RadiusDecodeException {
        RadiusPacket p = codec.decodeRequest(accessRequestBytes, 0, accessRequestBytes.length, secret,
                MessageAuthenticatorPolicy.REQUIRE);
        bh.consume(p.first("User-Name").orElseThrow().asString());
        bh.consume(p.first("User-Password").orElseThrow().asString());
        bh.consume(p);
    }

    @Benchmark
    public byte[] accountingRequestEncode() {
        return codec.encodeRequest(accountingRequest(), secret);
    }

    @Benchmark
    public void accountingRequestDecode(Blackhole bh) throws RadiusDecodeException {
        RadiusPacket p = codec.decodeRequest(accountingRequestBytes, 0, accountingRequestBytes.length, secret,
                MessageAuthenticatorPolicy.REQUIRE);
        bh.consume(p.first("Acct-Status-Type").orElseThrow().asInt());
        bh.consume(p.first("Acct-Session-Id").orElseThrow().asString());
        bh.consume(p);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
