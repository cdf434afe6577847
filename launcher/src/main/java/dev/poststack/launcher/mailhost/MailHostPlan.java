package dev.poststack.launcher.mailhost;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Which mail hosts {@code dev --mail-hosts N} runs. One host is today's: its id and address come
 * from {@code POSTSTACK_HOST_ID} and {@code POSTSTACK_MAILHOST_LISTEN} (defaults {@code local} and
 * 127.0.0.1), so nothing that worked before changes. Several are {@code mh-1} … {@code mh-N} on
 * 127.0.1.1 … 127.0.1.N, every one on the same (dev) ports: each behaves like a machine of its own,
 * which a client tells apart by address only. The settings that name one host are refused then,
 * since they cannot apply to all.
 */
public record MailHostPlan(List<Host> hosts) {
  /** 127.0.1.1 to 127.0.1.20: more than two cores can run, well inside the loopback net. */
  public static final int MAX_HOSTS = 20;

  static final List<String> ONE_HOST_SETTINGS =
      List.of("POSTSTACK_HOST_ID", "POSTSTACK_MAILHOST_LISTEN", "POSTSTACK_MAILHOST_DIR");

  /** One host: an id and address to use instead of the environment's, or empty for its own. */
  public record Host(Optional<String> hostId, Optional<String> listen) {
    static final Host FROM_ENVIRONMENT = new Host(Optional.empty(), Optional.empty());
  }

  public MailHostPlan {
    hosts = List.copyOf(hosts);
  }

  public static MailHostPlan of(int count, Map<String, String> environment) {
    if (count < 1 || count > MAX_HOSTS) {
      throw new OperatorException(
          "--mail-hosts must be 1 to " + MAX_HOSTS + ", got " + count, ExitCodes.USAGE, null);
    }
    if (count == 1) {
      return new MailHostPlan(List.of(Host.FROM_ENVIRONMENT));
    }
    for (String name : ONE_HOST_SETTINGS) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        throw new OperatorException(
            name
                + " names one mail host; with --mail-hosts "
                + count
                + " the hosts are mh-1 … mh-"
                + count
                + " on 127.0.1.1 … 127.0.1."
                + count
                + " (unset it)",
            ExitCodes.USAGE,
            null);
      }
    }
    return new MailHostPlan(
        IntStream.rangeClosed(1, count)
            .mapToObj(n -> new Host(Optional.of("mh-" + n), Optional.of("127.0.1." + n)))
            .toList());
  }

  public boolean single() {
    return hosts.size() == 1;
  }
}
