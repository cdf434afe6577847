package dev.poststack.api.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written as a literal, parsed without ever asking DNS (an X-Forwarded-For entry is
 * anyone's text; {@code InetAddress.getByName} would resolve a name). IPv4 with an optional port,
 * IPv6 bare or in brackets with an optional port; anything else is not an address.
 */
final class IpLiteral {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

  private IpLiteral() {}

  static Optional<InetAddress> parse(String text) {
    String s = text.trim();
    var v4 = IPV4.matcher(s);
    if (v4.matches()) {
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) octet;
      }
      return Optional.of(byAddress(bytes));
    }
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0 || !s.substring(end + 1).matches("(?::\\d{1,5})?")) {
        return Optional.empty();
      }
      s = s.substring(1, end);
    }
    if (s.indexOf(':') < 0 || !IPV6.matcher(s).matches()) {
      return Optional.empty();
    }
    try {
      // a string with a colon is parsed as an IPv6 literal or refused, never looked up
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only thrown for a wrong length
    }
  }
}
