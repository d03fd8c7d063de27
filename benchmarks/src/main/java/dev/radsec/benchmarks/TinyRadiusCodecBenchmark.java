package dev.radsec.benchmarks;

import static dev.radsec.benchmarks.BenchmarkPackets.ACCT_DELAY_TIME;
import static dev.radsec.benchmarks.BenchmarkPackets.ACCT_SESSION_ID;
import static dev.radsec.benchmarks.BenchmarkPackets.ACCT_STATUS_TYPE_START;
import static dev.radsec.benchmarks.BenchmarkPackets.CALLED_STATION_ID;
import static dev.radsec.benchmarks.BenchmarkPackets.CALLING_STATION_ID;
import static dev.radsec.benchmarks.BenchmarkPackets.FRAMED_IP_ADDRESS;
import static dev.radsec.benchmarks.BenchmarkPackets.IDENTIFIER;
import static dev.radsec.benchmarks.BenchmarkPackets.NAS_IP_ADDRESS;
import static dev.radsec.benchmarks.BenchmarkPackets.NAS_PORT;
import static dev.radsec.benchmarks.BenchmarkPackets.SECRET;
import static dev.radsec.benchmarks.BenchmarkPackets.USER_NAME;
import static dev.radsec.benchmarks.BenchmarkPackets.USER_PASSWORD;

import java.util.List;
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
import org.tinyradius.core.RadiusPacketException;
import org.tinyradius.core.attribute.type.IntegerAttribute;
import org.tinyradius.core.attribute.type.RadiusAttribute;
import org.tinyradius.core.dictionary.DefaultDictionary;
import org.tinyradius.core.dictionary.Dictionary;
import org.tinyradius.core.packet.PacketType;
import org.tinyradius.core.packet.request.AccessRequestPap;
import org.tinyradius.core.packet.request.AccountingRequest;
import org.tinyradius.core.packet.request.RadiusRequest;

import io.netty.buffer.Unpooled;

/**
 * tinyradius-netty (com.globalreachtech) on the packets of {@link BenchmarkPackets}, for comparison
 * with our codec. Only tinyradius' public API is used, the way its client and server do it:
 *
 * <ul>
 *   <li><b>encode</b>: create the attributes from their dictionary names and values, create the request,
 *       {@code encodeRequest(secret)} and serialise to {@code byte[]}. For an Access-Request that is: random
 *       Request Authenticator, User-Password hiding (RFC 2865) and an HMAC-MD5 Message-Authenticator
 *       (RFC 3579; tinyradius always adds it and puts it last). For an Accounting-Request: the MD5
 *       Request Authenticator (RFC 2866).</li>
 *   <li><b>decode</b>: parse the bytes ({@code RadiusRequest.fromByteBuf}, as {@code ServerPacketCodec} does,
 *       minus its defensive copy), {@code decodeRequest(secret)} (checks the Message-Authenticator
 *       resp. the Accounting Request Authenticator, and un-hides User-Password), then read the values a
 *       server needs first.</li>
 * </ul>
 *
 * <p>tinyradius logs through log4j-api; the fork uses log4j's SimpleLogger (level ERROR), so debug logging
 * costs only the level check.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
        "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory"})
@State(Scope.Thread)
public class TinyRadiusCodecBenchmark {

    private final Dictionary dictionary = DefaultDictionary.INSTANCE;

    private byte[] accessRequestBytes;
    private byte[] accountingRequestBytes;

    @Setup
    public void setUp() throws RadiusPacketException {
        accessRequestBytes = encodeAccessRequest();
        accountingRequestBytes = encodeAccountingRequest();
        checkRoundTrip();
    }

    // ---------------------------------------------------------------- Access-Request

    @Benchmark
    public byte[] accessRequestEncode() throws RadiusPacketException {
        return encodeAccessRequest();
    }

    @Benchmark
    public void accessRequestDecode(Blackhole bh) throws RadiusPacketException {
        AccessRequestPap request = decodeAccessRequest(accessRequestBytes, SECRET);
        bh.consume(request.getAttribute("User-Name").orElseThrow().getValueString());
        bh.consume(request.getPassword().orElseThrow());
        bh.consume(request);
    }

    // ---------------------------------------------------------------- Accounting-Request

    @Benchmark
    public byte[] accountingRequestEncode() throws RadiusPacketException {
        return encodeAccountingRequest();
    }

    @Benchmark
    public void accountingRequestDecode(Blackhole bh) throws RadiusPacketException {
        AccountingRequest request = decodeAccountingRequest(accountingRequestBytes, SECRET);
        bh.consume(((IntegerAttribute) request.getAttribute("Acct-Status-Type").orElseThrow()).getValueInt());
        bh.consume(request.getAttribute("Acct-Session-Id").orElseThrow().getValueString());
        bh.consume(request);
    }

    // ---------------------------------------------------------------- the work measured

    private byte[] encodeAccessRequest() throws RadiusPacketException {
        List<RadiusAttribute> attributes = List.of(
                dictionary.createAttribute("User-Name", USER_NAME),
                dictionary.createAttribute("User-Password", USER_PASSWORD),
                dictionary.createAttribute("NAS-IP-Address", NAS_IP_ADDRESS),
                dictionary.createAttribute("NAS-Port", Integer.toString(NAS_PORT)),
                dictionary.createAttribute("Called-Station-Id", CALLED_STATION_ID),
                dictionary.createAttribute("Calling-Station-Id", CALLING_STATION_ID));
        // null authenticator: encodeRequest draws a random one (SecureRandom), as for every new request
        RadiusRequest request = RadiusRequest.create(
                dictionary, PacketType.ACCESS_REQUEST, (byte) IDENTIFIER, null, attributes);
        return request.encodeRequest(SECRET).toBytes();
    }

    private byte[] encodeAccountingRequest() throws RadiusPacketException {
        List<RadiusAttribute> attributes = List.of(
                dictionary.createAttribute("Acct-Status-Type", "Start"),
                dictionary.createAttribute("Acct-Session-Id", ACCT_SESSION_ID),
                dictionary.createAttribute("User-Name", USER_NAME),
                dictionary.createAttribute("NAS-IP-Address", NAS_IP_ADDRESS),
                dictionary.createAttribute("NAS-Port", Integer.toString(NAS_PORT)),
                dictionary.createAttribute("Framed-IP-Address", FRAMED_IP_ADDRESS),
                dictionary.createAttribute("Acct-Delay-Time", Integer.toString(ACCT_DELAY_TIME)));
        RadiusRequest request = RadiusRequest.create(
                dictionary, PacketType.ACCOUNTING_REQUEST, (byte) IDENTIFIER, null, attributes);
        return request.encodeRequest(SECRET).toBytes();
    }

    private AccessRequestPap decodeAccessRequest(byte[] wire, String secret) throws RadiusPacketException {
        RadiusRequest parsed = RadiusRequest.fromByteBuf(dictionary, Unpooled.wrappedBuffer(wire));
        return (AccessRequestPap) parsed.decodeRequest(secret);
    }

    private AccountingRequest decodeAccountingRequest(byte[] wire, String secret) throws RadiusPacketException {
        RadiusRequest parsed = RadiusRequest.fromByteBuf(dictionary, Unpooled.wrappedBuffer(wire));
        return (AccountingRequest) parsed.decodeRequest(secret);
    }

    /** Fails the run if tinyradius does not produce or check what we claim it does. */
    private void checkRoundTrip() throws RadiusPacketException {
        AccessRequestPap access = decodeAccessRequest(accessRequestBytes, SECRET);
        check(access.getId() == (byte) IDENTIFIER, "Access-Request identifier");
        check(USER_NAME.equals(access.getAttribute("User-Name").orElseThrow().getValueString()), "User-Name");
        check(USER_PASSWORD.equals(access.getPassword().orElseThrow()), "User-Password round trip");
        check(NAS_IP_ADDRESS.equals(access.getAttribute("NAS-IP-Address").orElseThrow().getValueString()), "NAS-IP-Address");
        check(access.getAttribute("Message-Authenticator").isPresent(), "Message-Authenticator present");
        check(access.getAttributes().size() == 7, "Access-Request has 7 attributes");
        checkRejected(() -> decodeAccessRequest(accessRequestBytes, "wrong-secret"), "Access-Request, wrong secret");

        AccountingRequest accounting = decodeAccountingRequest(accountingRequestBytes, SECRET);
        check(accounting.getAttributes().size() == 7, "Accounting-Request has 7 attributes");
        check(((IntegerAttribute) accounting.getAttribute("Acct-Status-Type").orElseThrow()).getValueInt()
                == ACCT_STATUS_TYPE_START, "Acct-Status-Type Start");
        check(FRAMED_IP_ADDRESS.equals(accounting.getAttribute("Framed-IP-Address").orElseThrow().getValueString()),
                "Framed-IP-Address");
        check(accounting.getAttribute("Message-Authenticator").isEmpty(), "no Message-Authenticator in accounting");
        checkRejected(() -> decodeAccountingRequest(accountingRequestBytes, "wrong-secret"), "Accounting-Request, wrong secret");
    }

    private interface Decode {
        Object run() throws RadiusPacketException;
    }

    private static void checkRejected(Decode decode, String what) {
        try {
            decode.run();
        } catch (RadiusPacketException expected) {
            return;
        }
        throw new IllegalStateException("tinyradius accepted: " + what);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("tinyradius check failed: " + what);
        }
    }
}
