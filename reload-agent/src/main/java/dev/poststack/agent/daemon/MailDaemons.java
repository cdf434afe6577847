package dev.poststack.agent.daemon;

import dev.poststack.agent.signing.SigningFiles;
import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.SenderEntry;
import dev.poststack.renderer.hostconfig.HostLayout;
import dev.poststack.renderer.hostconfig.RenderedFile;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.dkim.HostKeySeal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The private Dovecot and Postfix of one mail host, told what changed. Every doveadm call carries
 * {@code -c} (it finds the instance's sockets through it) and every postfix call an absolute {@code
 * -c} (a relative one fails silently: its errors go to a syslog the host does not have).
 */
public final class MailDaemons implements DaemonControl {
  private static final org.slf4j.Logger slog = org.slf4j.LoggerFactory.getLogger(MailDaemons.class);

  /** doveadm's EX_NOUSER / EX_TEMPFAIL-style answers when the user simply has no session. */
  private static final List<Integer> KICK_NOBODY = List.of(0, 68);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HostLayout layout;
  private final Path log;
  private final SigningFiles signing;

  public MailDaemons(HostLayout layout, Optional<HostKeySeal> seal) {
    this.layout = layout;
    this.log = Path.of(layout.logDir().value(), "agent-commands.log");
    this.signing =
        new SigningFiles(
            Path.of(layout.dkimKeyDir().value()),
            Path.of(layout.dkimKeysMap().value()),
            Path.of(layout.senderOwnersMap().value()),
            seal);
  }

  private Optional<Long> rspamdPid() {
    Path pid = Path.of(layout.rspamdRunDir().value(), "rspamd.pid");
    try {
      return Optional.of(Long.parseLong(java.nio.file.Files.readString(pid).strip()))
          .filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
    } catch (java.io.IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void syncSigning(List<SenderEntry> senders, List<DkimKeyEntry> dkimKeys) {
    SigningFiles.Outcome o = signing.apply(senders, dkimKeys);
    if (o.keysWritten() > 0 || o.keysRemoved() > 0 || !o.unopened().isEmpty()) {
      slog.info(
          "signing files: {} key files written, {} removed, {} keys could not be opened",
          o.keysWritten(),
          o.keysRemoved(),
          o.unopened().size());
    }
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
    } else if (daemon == RenderedFile.Daemon.RSPAMD) {
      // only for a changed base configuration (an agent upgrade): SIGHUP drops milter sessions in
      // flight, which Postfix defers (4xx), so data never goes this way
      rspamdPid()
          .ifPresent(
              pid -> Command.check(List.of("kill", "-HUP", Long.toString(pid)), log, TIMEOUT));
    } else {
      Command.check(
          List.of("doveadm", "-c", layout.dovecotConfig().value(), "reload"), log, TIMEOUT);
    }
  }
}
