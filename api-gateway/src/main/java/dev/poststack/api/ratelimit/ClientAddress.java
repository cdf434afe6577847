package dev.poststack.api.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whom a request is counted under for the per-address limit: the socket peer, or, when the peer is
 * a trusted proxy, the nearest address in {@code X-Forwarded-For} that is not a trusted proxy (read
 * from the right: entries further left were written by the client and prove nothing). An IPv6
 * client is counted by its /64, the block one subscriber gets, so it cannot step through its own
 * addresses to get fresh buckets.
 */
record ClientAddress(String key) {

  static ClientAddress resolve(
      InetSocketAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
    if (peer == null || peer.getAddress() == null) {
      return new ClientAddress("unknown");
    }
    InetAddress client = peer.getAddress();
    if (!trusted.isEmpty() && trusted.contains(client) && forwardedFor != null) {
      List<String> hops = new ArrayList<>();
      for (String header : forwardedFor) {
        hops.addAll(Arrays.asList(header.split(",")));
      }
      for (int i = hops.size() - 1; i >= 0; i--) {
        Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
        if (hop.isEmpty()) {
          break; // garbage: count the request under the last hop we could trust
        }
        client = hop.get();
        if (!trusted.contains(client)) {
          break;
        }
      }
    }
    return new ClientAddress(keyOf(client));
  }

  private static String keyOf(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return address.getHostAddress();
    }
    Arrays.fill(bytes, 8, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only thrown for a wrong length
    }
  }
}
