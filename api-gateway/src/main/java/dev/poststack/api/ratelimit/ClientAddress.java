package dev.poststack.api.ratelimit;

import dev.poststack.api.http.ForwardedFor;
import dev.poststack.api.http.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Whom a request is counted under for the per-address limit: its client ({@link ForwardedFor}). An
 * IPv6 client is counted by its /64, the block one subscriber gets, so it cannot step through its
 * own addresses to get fresh buckets.
 */
record ClientAddress(String key) {

  static ClientAddress resolve(
      InetSocketAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
    return new ClientAddress(
        ForwardedFor.client(peer, forwardedFor, trusted)
            .map(ClientAddress::keyOf)
            .orElse("unknown"));
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
