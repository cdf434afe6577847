package dev.poststack.schemas;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request came from, as an event's envelope carries it and the audit log shows it: the
 * client's address and its User-Agent. Both are anyone's text on the way in, so both are held to a
 * rule here, once, for the API that fills them and the provisioner that records them:
 *
 * <ul>
 *   <li>the address is an IPv4 or IPv6 literal, parsed without any DNS lookup, in normalised text
 *       (IPv4 dotted decimal, IPv6 lower-case with the longest run of zeros as {@code ::}, an
 *       IPv4-mapped IPv6 address as its IPv4 form); anything else is no address (null);
 *   <li>the User-Agent keeps only printable ASCII (space to {@code ~}), at most {@value
 *       #MAX_USER_AGENT_LENGTH} characters; control and non-ASCII characters are dropped, never
 *       stored; nothing printable left is no User-Agent (null).
 * </ul>
 *
 * @param sourceIp a normalised IP literal, or null
 * @param userAgent printable ASCII of 1 to {@value #MAX_USER_AGENT_LENGTH} characters, or null
 */
public record RequestOrigin(String sourceIp, String userAgent) {
  /** The longest User-Agent kept; a longer one is cut. */
  public static final int MAX_USER_AGENT_LENGTH = 256;

  /** No request: operator and system events, and events written before the envelope had it. */
  public static final RequestOrigin NONE = new RequestOrigin(null, null);

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

  public RequestOrigin {
    if (sourceIp != null && !sourceIp.equals(normalisedIp(sourceIp))) {
      throw new IllegalArgumentException("not a normalised IP literal");
    }
    if (userAgent != null && !userAgent.equals(userAgent(userAgent))) {
      throw new IllegalArgumentException("not a kept User-Agent");
    }
  }

  /** The origin of a request from {@code address} (null if unknown) sending {@code userAgent}. */
  public static RequestOrigin of(InetAddress address, String userAgent) {
    return new RequestOrigin(address == null ? null : format(address), userAgent(userAgent));
  }

  /**
   * Both values cleaned by the rule: an address that is no literal, or no printable UA, is null.
   */
  public static RequestOrigin of(String sourceIp, String userAgent) {
    return new RequestOrigin(normalisedIp(sourceIp), userAgent(userAgent));
  }

  /**
   * The address a bare IPv4 or IPv6 literal names, without ever asking DNS ({@code
   * InetAddress.getByName} would resolve a name); empty for anything else, a zone id or a port
   * included.
   */
  public static Optional<InetAddress> parseIp(String literal) {
    if (literal == null) {
      return Optional.empty();
    }
    var v4 = IPV4.matcher(literal);
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
    if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      // a string with a colon is parsed as an IPv6 literal or refused, never looked up
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The normalised text of an IP literal, or null if {@code literal} is none. */
  public static String normalisedIp(String literal) {
    return parseIp(literal).map(RequestOrigin::format).orElse(null);
  }

  /** What is kept of a User-Agent: its printable ASCII, cut to the limit; null if none is left. */
  public static String userAgent(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder(Math.min(raw.length(), MAX_USER_AGENT_LENGTH));
    for (int i = 0; i < raw.length() && kept.length() < MAX_USER_AGENT_LENGTH; i++) {
      char c = raw.charAt(i);
      if (c >= 0x20 && c <= 0x7E) {
        kept.append(c);
      }
    }
    String text = kept.toString().strip();
    return text.isEmpty() ? null : text;
  }

  /** RFC 5952 text for IPv6 (the JDK writes every zero group out), dotted decimal for IPv4. */
  static String format(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return (bytes[0] & 0xFF)
          + "."
          + (bytes[1] & 0xFF)
          + "."
          + (bytes[2] & 0xFF)
          + "."
          + (bytes[3] & 0xFF);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    if (isIpv4Mapped(groups)) {
      return format(byAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not shortened (RFC 5952 4.2.2)
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static boolean isIpv4Mapped(int[] groups) {
    for (int i = 0; i < 5; i++) {
      if (groups[i] != 0) {
        return false;
      }
    }
    return groups[5] == 0xFFFF;
  }

  private static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only thrown for a wrong length
    }
  }
}
