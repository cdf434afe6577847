package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;

/**
 * Mail for {@code domain} goes over SMTP to {@code host:port} without an MX lookup (Postfix {@code
 * transport_maps}, {@code smtp:[host]:port}). An IPv4 literal only, so no name lookup is involved.
 */
public record Route(DomainName domain, ListenAddress host, int port) {
  public Route {
    if (domain == null || host == null) {
      throw new InvalidValueException("route", "domain and host are required");
    }
    if (host.isAny()) {
      throw new InvalidValueException("route", "the next hop must be one address");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidValueException("route", "port must be between 1 and 65535");
    }
  }

  String nextHop() {
    return "smtp:[" + host.value() + "]:" + port;
  }
}
