package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusClient.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which destinations of a failover list a request goes to, and in which order: the MikroTik settings. */
class FailoverOrderTest {
    private static final Dictionary DICT = Dictionary.standard();
    private final Map<Integer, DestinationSettings> destinations = new HashMap<>();

    private void destination(int id, String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                "tls-certificate", "me"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        destinations.put(id, DestinationSettings.parse(p));
    }

    private List<Integer> order(RadiusPacket request, Service service, Integer... ids) {
        return FailoverOrder.of(List.of(ids), request, service, destinations::get);
    }

    private static RadiusPacket access(String calledStationId) {
        RadiusPacket.Builder b = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice");
        if (calledStationId != null) {
            b.add("Called-Station-Id", calledStationId);
        }
        return b.build();
    }

    private static RadiusPacket accounting() {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("User-Name", "alice")
                .add("Acct-Status-Type", "Start").build();
    }

    @Test
    void withoutMikrotikSettingsTheListIsAsGiven() throws Exception {
        destination(1);
        destination(2);
        destination(3);
        assertEquals(List.of(3, 1, 2), order(access(null), Service.RELAY, 3, 1, 2));
        assertEquals(List.of(3, 9, 1), order(access(null), null, 3, 9, 1), "an unknown id stays: it fails over");
    }

    @Test
    void disabledDestinationsAreSkipped() throws Exception {
        destination(1, "disabled", "true");
        destination(2);
        assertEquals(List.of(2), order(access(null), Service.RELAY, 1, 2));
        assertEquals(List.of(2), order(accounting(), null, 1, 2));
        assertEquals(List.of(), order(access(null), null, 1));
    }

    @Test
    void serviceOnlyFiltersTheListWhichKeepsItsOrder() throws Exception {
        destination(1, "service", "login");
        destination(2, "service", "relay");
        destination(3);
        destination(4, "service", "relay,login");
        assertEquals(List.of(4, 2, 3), order(access(null), Service.RELAY, 4, 1, 2, 3));
        assertEquals(List.of(4, 1, 3), order(access(null), Service.LOGIN, 4, 1, 2, 3));
        assertEquals(List.of(4, 1, 2, 3), order(access(null), null, 4, 1, 2, 3), "no service asked: all");
    }

    @Test
    void calledIdTakesOnlyMatchingRequests() throws Exception {
        destination(1, "called-id", "*:corp");
        destination(2);
        assertEquals(List.of(1, 2), order(access("00-11-22-33-44-55:CORP"), Service.RELAY, 1, 2));
        assertEquals(List.of(2), order(access("00-11-22-33-44-55:guest"), Service.RELAY, 1, 2));
        assertEquals(List.of(2), order(access(null), Service.RELAY, 1, 2), "no Called-Station-Id: no match");
        assertEquals(List.of(), order(access("x:guest"), Service.RELAY, 1));
    }

    @Test
    void anAccountingBackupTakesOnlyAccountingAndOnlyAfterThePrimaries() throws Exception {
        destination(1);
        destination(2, "accounting-backup", "true");
        destination(3);
        assertEquals(List.of(1, 3, 2), order(accounting(), Service.RELAY, 2, 1, 3), "behind every primary");
        assertEquals(List.of(1, 3), order(access(null), Service.RELAY, 2, 1, 3), "never an Access-Request");
        assertEquals(List.of(), order(access(null), Service.RELAY, 2));
        assertEquals(List.of(2), order(accounting(), Service.RELAY, 2), "only backups: they take accounting");
    }

    @Test
    void theFiltersCombine() throws Exception {
        destination(1, "service", "login");
        destination(2, "accounting-backup", "true", "called-id", "*:corp");
        destination(3, "disabled", "true");
        destination(4, "accounting-backup", "true");
        RadiusPacket corp = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("User-Name", "alice")
                .add("Acct-Status-Type", "Start").add("Called-Station-Id", "aa:corp").build();
        assertEquals(List.of(2, 4), order(corp, Service.RELAY, 1, 2, 3, 4));
        assertEquals(List.of(4), order(accounting(), Service.RELAY, 1, 2, 3, 4));
        assertEquals(List.of(1, 2, 4), order(corp, Service.LOGIN, 3, 1, 2, 4));
    }
}
