package dev.poststack.agent.daemon;

import dev.poststack.renderer.hostconfig.HostLayout;
import dev.poststack.renderer.hostconfig.RenderedFile;
import dev.poststack.values.address.EmailAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The private Dovecot and Postfix of one mail host, told what changed. Every doveadm call carries
 * {@code -c} (it finds the instance's sockets through it) and every postfix call an absolute {@code
 * -c} (a relative one fails silently: its errors go to a syslog the host does not have).
 */
public final class MailDaemons implements DaemonControl {
  /** doveadm's EX_NOUSER / EX_TEMPFAIL-style answers when the user simply has no session. */
  private static final List<Integer> KICK_NOBODY = List.of(0, 68);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HostLayout layout;
  private final Path log;

  public MailDaemons(HostLayout layout) {
    this.layout = layout;
    this.log = Path.of(layout.logDir().value(), "agent-commands.log");
  }

  @Override
  public void reloadPostfix() {
    Command.check(
        List.of("postfix", "-c", layout.postfixConfigDir().value(), "reload"), log, TIMEOUT);
  }

  @Override
  public void kick(String address) {
    EmailAddress.parse(address); // never anything but an address on a command line
    List<String> argv = List.of("doveadm", "-c", layout.dovecotConfig().value(), "kick", address);
    int rc = Command.run(argv, log, TIMEOUT);
    if (!KICK_NOBODY.contains(rc)) {
      throw new DaemonCommandException(
          String.join(" ", argv) + " exited " + rc + " (see " + log + ")");
    }
  }

  @Override
  public void reload(RenderedFile.Daemon daemon) {
    if (daemon == RenderedFile.Daemon.POSTFIX) {
      reloadPostfix();
    } else {
      Command.check(
          List.of("doveadm", "-c", layout.dovecotConfig().value(), "reload"), log, TIMEOUT);
    }
  }
}
