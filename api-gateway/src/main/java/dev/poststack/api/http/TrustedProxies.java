package dev.poststack.api.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code poststack.trusted-proxies}):
 * addresses or CIDR ranges such as {@code 10.0.0.0/8} or {@code fd00::/8}. None by default, so a
 * client cannot choose the address it is counted under, nor the source address its changes are
 * audited with.
 */
public final class TrustedProxies {
  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  public static TrustedProxies of(List<String> entries) {
    return new TrustedProxies(entries.stream().map(Range::parse).toList());
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(InetAddress address) {
    return ranges.stream().anyMatch(r -> r.contains(address));
  }

  private record Range(byte[] network, int prefix) {
    static Range parse(String entry) {
      String[] parts = entry.trim().split("/", 2);
      InetAddress address =
          IpLiteral.parse(parts[0])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "poststack.trusted-proxies: not an IP address or range: " + entry));
      int bits = address.getAddress().length * 8;
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("poststack.trusted-proxies: bad prefix in " + entry);
      }
      return new Range(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int shift = network.length * 8 - prefix;
      return new BigInteger(1, candidate)
          .shiftRight(shift)
          .equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
