package dev.poststack.api.http;

import dev.poststack.schemas.RequestOrigin;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as an {@code X-Forwarded-For} entry writes it, parsed without ever asking DNS (an
 * entry is anyone's text; {@code InetAddress.getByName} would resolve a name): IPv4 with an
 * optional port, IPv6 bare or in brackets with an optional port; anything else is not an address.
 * The literal itself is read by {@link RequestOrigin#parseIp}, the rule events are held to.
 */
public final class IpLiteral {
  private static final Pattern IPV4_PORT = Pattern.compile("([0-9.]{7,15}):\\d{1,5}");

  private IpLiteral() {}

  public static Optional<InetAddress> parse(String text) {
    String s = text.trim();
    var v4 = IPV4_PORT.matcher(s);
    if (v4.matches()) {
      s = v4.group(1);
    } else if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0 || !s.substring(end + 1).matches("(?::\\d{1,5})?")) {
        return Optional.empty();
      }
      s = s.substring(1, end);
    }
    return RequestOrigin.parseIp(s);
  }
}
