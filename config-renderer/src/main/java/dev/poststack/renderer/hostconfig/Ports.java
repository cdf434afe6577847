package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;
import java.util.stream.IntStream;

/** The four public ports of a mail host; all implicit TLS except inbound SMTP. */
public record Ports(int imaps, int pop3s, int smtp, int submissions) {
  public static final Ports STANDARD = new Ports(993, 995, 25, 465);

  /** {@code bin/poststack dev}: unprivileged, clear of a system mail server on the same machine. */
  public static final Ports DEV = new Ports(10993, 10995, 10025, 10465);

  public Ports {
    check("imapsPort", imaps);
    check("pop3sPort", pop3s);
    check("smtpPort", smtp);
    check("submissionsPort", submissions);
    // not Set.of: it throws its own untyped error on the very duplicates we want to name
    if (IntStream.of(imaps, pop3s, smtp, submissions).distinct().count() != 4) {
      throw new InvalidValueException("ports", "must be four different ports");
    }
  }

  private static void check(String field, int port) {
    if (port < 1 || port > 65535) {
      throw new InvalidValueException(field, "must be between 1 and 65535");
    }
  }
}
