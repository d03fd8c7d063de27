package dev.radsec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;

/** Feature {@code radsec-codec} installs in Karaf and its exported API works from another bundle. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CodecFeatureIT {

    @Inject
    private BundleContext bundleContext;

    @Configuration
    public Option[] config() {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-codec")};
    }

    @Test
    public void codecBundleIsActive() {
        Bundle codec = RadsecKaraf.bundle(bundleContext, "dev.radsec.codec");
        assertNotNull("bundle dev.radsec.codec is not installed", codec);
        assertEquals("state of " + codec, Bundle.ACTIVE, codec.getState());
    }

    @Test
    public void encodesAndDecodesAccessRequestThroughExportedApi() throws Exception {
        Dictionary dict = Dictionary.standard();
        PacketCodec codec = new PacketCodec(dict);
        SharedSecret secret = SharedSecret.of("testing123");
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict)
                .identifier(7)
                .add("User-Name", "alice")
                .add("User-Password", "alice-pw")
                .add("NAS-Port", 10)
                .build();

        byte[] wire = codec.encodeRequest(request, secret);
        RadiusPacket decoded = codec.decodeRequest(wire, secret);

        assertEquals(PacketCode.ACCESS_REQUEST, decoded.code());
        assertEquals(7, decoded.identifier());
        assertEquals("alice", decoded.first("User-Name").orElseThrow().asString());
        assertEquals("alice-pw", decoded.first("User-Password").orElseThrow().asString());
        assertEquals(10, decoded.first("NAS-Port").orElseThrow().asInt());
        assertTrue("Message-Authenticator missing", decoded.first("Message-Authenticator").isPresent());
        assertEquals("Message-Authenticator must be the first attribute",
                "Message-Authenticator", decoded.attributes().get(0).definition().name());
    }
}
