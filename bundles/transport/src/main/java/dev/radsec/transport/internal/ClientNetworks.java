package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients a listener accepts: CIDR networks, each with its shared secret, written in a cfg as
 * {@code 127.0.0.1/32 testing123, 10.0.0.0/8 other-secret}. A network without a secret gets the listener's
 * default secret. The most specific network containing a source address wins.
 */
final class ClientNetworks {
    /** The secrets of all networks, for checks against them; never shown. */
    java.util.List<String> secrets() {
        return clients.stream().map(c -> c.secret).distinct().toList();
    }

    /** One network and its secret. */
    static final class Client {
        final String cidr;
        final byte[] network;
        final int prefix;
        final String secret;

        Client(String cidr, byte[] network, int prefix, String secret) {
            this.cidr = cidr;
            this.network = network;
            this.prefix = prefix;
            this.secret = secret;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Client> clients;

    private ClientNetworks(List<Client> clients) {
        this.clients = clients;
    }

    static ClientNetworks parse(String key, String text, String defaultSecret) throws InvalidConfigurationException {
        List<Client> out = new ArrayList<>();
        for (String entry : text.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split("\\s+", 2);
            String cidr = parts[0];
            String secret = parts.length > 1 ? parts[1].trim() : defaultSecret;
            if (secret == null) {
                throw new InvalidConfigurationException(key, cidr + " has no secret, and there is no default 'secret'");
            }
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] network;
            try {
                if (!DestinationSettings.looksLikeAddress(host)) {
                    throw new UnknownHostException(host);
                }
                network = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException ex) {
                throw new InvalidConfigurationException(key, "'" + host + "' is not an IP address");
            }
            int prefix;
            try {
                prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException ex) {
                throw new InvalidConfigurationException(key, "'" + cidr + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new InvalidConfigurationException(key, "'" + cidr + "': prefix length outside 0-" + network.length * 8);
            }
            out.add(new Client(cidr, network, prefix, secret));
        }
        if (out.isEmpty()) {
            throw new InvalidConfigurationException(key, "needs at least one client network");
        }
        out.sort((a, b) -> Integer.compare(b.prefix, a.prefix));
        return new ClientNetworks(out);
    }

    /** The networks as configured (CIDR), most specific first. */
    List<String> cidrs() {
        List<String> out = new ArrayList<>();
        for (Client c : clients) {
            out.add(c.cidr);
        }
        return out;
    }

    /** The most specific client network containing {@code address}, or {@code null}. */
    Client find(InetAddress address) {
        byte[] a = address.getAddress();
        for (Client c : clients) {
            if (c.contains(a)) {
                return c;
            }
        }
        return null;
    }
}
