package dev.poststack.agent.mailhost;

import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.ListenAddress;
import dev.poststack.renderer.hostconfig.Ports;
import dev.poststack.renderer.hostconfig.Route;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Host settings from the environment. Dev defaults (IMAPS 10993, POP3S 10995, SMTP 10025,
 * submissions 10465, loopback, no outbound mail) unless {@code POSTSTACK_MAILHOST_PORTS=standard}
 * (993/995/25/465, outbound on); each port can be set on its own. {@code POSTSTACK_MAILHOST_ROUTES}
 * ({@code domain=address:port,…}) sends mail for those domains to a fixed next hop, also on a dev
 * host whose other outbound mail is refused: a smarthost per domain, or a test's "remote" MX.
 */
public final class MailHostSettings {
  public static final String DEFAULT_HOSTNAME = "mail.poststack.test";

  private MailHostSettings() {}

  public static HostSettings from(Map<String, String> env, Path baseDir) {
    boolean standard = "standard".equals(env.getOrDefault("POSTSTACK_MAILHOST_PORTS", "dev"));
    Ports base = standard ? Ports.STANDARD : Ports.DEV;
    Ports ports =
        new Ports(
            port(env, "POSTSTACK_IMAPS_PORT", base.imaps()),
            port(env, "POSTSTACK_POP3S_PORT", base.pop3s()),
            port(env, "POSTSTACK_SMTP_PORT", base.smtp()),
            port(env, "POSTSTACK_SUBMISSIONS_PORT", base.submissions()));
    String hostname = env.getOrDefault("POSTSTACK_MAILHOST_NAME", DEFAULT_HOSTNAME);
    String listen = env.getOrDefault("POSTSTACK_MAILHOST_LISTEN", ListenAddress.LOOPBACK.value());
    return HostSettings.of(hostname, baseDir.toAbsolutePath().normalize().toString())
        .withPorts(ports)
        .withListenAddress(new ListenAddress(listen))
        .withOutboundDelivery(standard)
        .withRoutes(routes(env.getOrDefault("POSTSTACK_MAILHOST_ROUTES", "")));
  }

  static List<Route> routes(String spec) {
    List<Route> routes = new ArrayList<>();
    for (String item : spec.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      int colon = item.lastIndexOf(':');
      if (eq < 1 || colon < eq + 2 || colon == item.length() - 1) {
        throw new InvalidValueException(
            "POSTSTACK_MAILHOST_ROUTES", "each route must be domain=address:port");
      }
      int port;
      try {
        port = Integer.parseInt(item.substring(colon + 1).strip());
      } catch (NumberFormatException e) {
        throw new InvalidValueException("POSTSTACK_MAILHOST_ROUTES", "a route's port is a number");
      }
      routes.add(
          new Route(
              new DomainName(item.substring(0, eq).strip()),
              new ListenAddress(item.substring(eq + 1, colon).strip()),
              port));
    }
    return routes;
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException(name, "must be a port number");
    }
  }
}
