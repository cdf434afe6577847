package dev.poststack.agent.mailhost;

import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.ListenAddress;
import dev.poststack.renderer.hostconfig.Ports;
import dev.poststack.values.InvalidValueException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Host settings from the environment. Dev defaults (IMAPS 10993, POP3S 10995, SMTP 10025,
 * submissions 10465, loopback, no outbound mail) unless {@code POSTSTACK_MAILHOST_PORTS=standard}
 * (993/995/25/465, outbound on); each port can be set on its own.
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
        .withOutboundDelivery(standard);
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
