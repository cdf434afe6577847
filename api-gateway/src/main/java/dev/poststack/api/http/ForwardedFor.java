package dev.poststack.api.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who the client of a request is: the socket peer, or, when the peer is a trusted proxy, the
 * nearest address in {@code X-Forwarded-For} that is not a trusted proxy (read from the right:
 * entries further left were written by the client and prove nothing). The per-address rate limit
 * counts a request under it and the request's events carry it as their source address, so both name
 * the same client.
 */
public final class ForwardedFor {
  public static final String HEADER = "X-Forwarded-For";

  private ForwardedFor() {}

  /**
   * @param peer the TCP peer; none if the server does not know it
   * @param forwardedFor every {@code X-Forwarded-For} header's value, in order; may be null
   */
  public static Optional<InetAddress> client(
      InetSocketAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
    if (peer == null || peer.getAddress() == null) {
      return Optional.empty();
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
          break; // garbage: the client is the last hop we could trust
        }
        client = hop.get();
        if (!trusted.contains(client)) {
          break;
        }
      }
    }
    return Optional.of(client);
  }
}
