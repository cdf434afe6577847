package dev.poststack.api.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may point. A URL is https (http only when private targets are allowed), has a
 * host, no user info, no fragment, at most {@link #MAX_URL} characters. An address is refused when
 * it is loopback, private (RFC 1918), link-local (cloud metadata 169.254.169.254 included),
 * unique-local (fc00::/7), CGNAT (100.64/10), unspecified, multicast or otherwise not globally
 * routable, unless the operator allows private targets. Pure: the caller resolves names.
 */
public record TargetPolicy(boolean allowPrivateTargets) {
  public static final int MAX_URL = 2048;

  /** The refusal of a URL, in words a client may see, or empty when it is acceptable. */
  public Optional<String> refuseUrl(String url) {
    if (url.length() > MAX_URL) {
      return Optional.of("must be at most " + MAX_URL + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("must be an absolute https URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateTargets)) {
      return Optional.of("must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry credentials");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a fragment");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      return Optional.of("must have a valid port");
    }
    String host = hostOf(uri);
    if (host.equalsIgnoreCase("localhost")
        || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
      return allowPrivateTargets
          ? Optional.empty()
          : Optional.of("must not point to a private address");
    }
    Optional<InetAddress> literal = literal(host);
    if (literal.isPresent() && !allows(literal.get())) {
      return Optional.of("must not point to a private address");
    }
    return Optional.empty();
  }

  /** Whether a request may go to this (resolved) address. */
  public boolean allows(InetAddress address) {
    return allowPrivateTargets || isPublic(address);
  }

  /** The host without IPv6 brackets. */
  public static String hostOf(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** An IP literal host parsed without any DNS lookup. */
  public static Optional<InetAddress> literal(String host) {
    boolean v4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean v6 = host.contains(":") && host.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host)); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Globally routable unicast only. */
  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      return !(b0 == 0 // this network
          || b0 == 10
          || b0 == 127
          || (b0 == 100 && b1 >= 64 && b1 <= 127) // CGNAT
          || (b0 == 169 && b1 == 254) // link-local, cloud metadata
          || (b0 == 172 && b1 >= 16 && b1 <= 31)
          || (b0 == 192 && b1 == 168)
          || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (b0 == 198 && (b1 == 18 || b1 == 19)) // benchmarking
          || b0 >= 224); // multicast, reserved, broadcast
    }
    if (a instanceof Inet6Address) {
      int b0 = b[0] & 0xff;
      if ((b0 & 0xfe) == 0xfc) { // unique local fc00::/7
        return false;
      }
      if (isMapped(b)) { // ::ffff:a.b.c.d is the IPv4 address underneath
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (java.net.UnknownHostException e) {
          return false;
        }
      }
      if (b0 == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
        return false; // documentation 2001:db8::/32
      }
      if (b0 == 0x00 || b0 == 0x01 && b[1] == 0) {
        return false; // ::/8 (IPv4-compatible, NAT64 well-known handled as not routable), 100::/64
      }
      if (b0 == 0xfd && (b[1] & 0xff) == 0x00 && b[2] == 0x0e && (b[3] & 0xff) == 0xc2) {
        return false; // AWS metadata fd00:ec2::254 (also covered by fc00::/7)
      }
      return true;
    }
    return false;
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
