package dev.radsec.transport.internal;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Which destinations of a failover list a request is tried on, and in what order: MikroTik's {@code /radius}
 * {@code disabled}, {@code service}, {@code called-id} and {@code accounting-backup}. The list keeps its order;
 * these settings only filter it, except that accounting-backup destinations move behind the others and take
 * Accounting-Requests only.
 */
final class FailoverOrder {
    /** Called-Station-Id (RFC 2865 section 5.30). */
    private static final int CALLED_STATION_ID = 30;

    private FailoverOrder() {
    }

    /**
     * The destinations of {@code ids} that may take {@code request}, in the order to try them.
     *
     * @param service  what the request is sent for; null: any service
     * @param settings a destination's settings by id; null for an id not configured, which stays in the list (the
     *                 send fails as unavailable and the list moves on, as before)
     */
    static List<Integer> of(List<Integer> ids, RadiusPacket request, RadiusClient.Service service,
            IntFunction<DestinationSettings> settings) {
        if (takeAll(ids, service, settings)) {
            return ids; // the usual case, on every relayed packet: nothing to filter, nothing allocated
        }
        boolean accounting = request.code() == PacketCode.ACCOUNTING_REQUEST;
        List<Integer> primaries = new ArrayList<>(ids.size());
        List<Integer> backups = new ArrayList<>(0);
        String calledStationId = null;
        boolean calledStationIdRead = false;
        for (int id : ids) {
            DestinationSettings s = settings.apply(id);
            if (s == null) {
                primaries.add(id);
                continue;
            }
            if (s.disabled || (service != null && !s.serves(service))) {
                continue;
            }
            if (s.calledId != null) {
                if (!calledStationIdRead) {
                    calledStationId = request.first(request.dictionary().attribute(CALLED_STATION_ID))
                            .map(a -> a.asString()).orElse(null);
                    calledStationIdRead = true;
                }
                if (!s.calledId.matches(calledStationId)) {
                    continue;
                }
            }
            if (s.accountingBackup) {
                if (accounting) {
                    backups.add(id);
                }
                continue;
            }
            primaries.add(id);
        }
        primaries.addAll(backups);
        return primaries;
    }

    /** Whether every destination of {@code ids} takes any request for {@code service}, in the order given. */
    private static boolean takeAll(List<Integer> ids, RadiusClient.Service service,
            IntFunction<DestinationSettings> settings) {
        for (int i = 0; i < ids.size(); i++) {
            DestinationSettings s = settings.apply(ids.get(i));
            if (s != null && (s.disabled || (service != null && !s.serves(service)) || s.calledId != null
                    || s.accountingBackup)) {
                return false;
            }
        }
        return true;
    }
}
