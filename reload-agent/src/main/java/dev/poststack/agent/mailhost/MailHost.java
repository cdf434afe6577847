package dev.poststack.agent.mailhost;

import dev.poststack.agent.config.BaseConfigFiles;
import dev.poststack.agent.daemon.Command;
import dev.poststack.agent.daemon.MailDaemons;
import dev.poststack.agent.signing.SigningFiles;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.hostconfig.HostConfigRenderer;
import dev.poststack.renderer.hostconfig.HostLayout;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.RenderedFile;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Dovecot + Postfix instance under one base directory (no systemd): base configuration
 * from the renderer, a self-signed certificate when none is given, directories with the owners the
 * daemons need, the host store, then {@code dovecot -c} and {@code postfix -c}. Daemons already
 * running for this base directory (an agent restart) are kept and reloaded only if their
 * configuration bytes changed, so restarting the agent never interrupts mail.
 */
public final class MailHost implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailHost.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final HostSettings settings;
  private final HostLayout layout;
  private final Path commandLog;
  private final MailDaemons daemons;

  /** Set when this instance started rspamd (not when it adopted a running one). */
  private Optional<RspamdCache> rspamdCache = Optional.empty();

  /**
   * rspamd's first start compiles what it then caches in its DBDIR before it even daemonizes: ~16 s
   * measured on a quiet machine, over a minute while other JVMs start beside it.
   */
  private static final Duration RSPAMD_READY_TIMEOUT = Duration.ofSeconds(180);

  private MailHost(HostSettings settings, Optional<HostKeySeal> seal) {
    this.settings = settings;
    this.layout = settings.layout();
    this.commandLog = Path.of(layout.logDir().value(), "mailhost-commands.log");
    this.daemons = new MailDaemons(layout, seal);
  }

  /**
   * Whether this machine can run a mail host: Dovecot, Postfix and rspamd installed and we are root
   * (Postfix needs it). Without rspamd the host does not start at all: submissions would leave
   * unsigned and with any From, and a mail provider must not send those.
   */
  public static Optional<String> unavailableReason() {
    for (String bin : List.of("dovecot", "postfix", "doveadm", "openssl", "rspamd")) {
      if (which(bin).isEmpty()) {
        return Optional.of(
            bin
                + " is not installed (Debian: apt-get install dovecot-imapd dovecot-pop3d"
                + " dovecot-lmtpd dovecot-sqlite postfix postfix-sqlite rspamd)");
      }
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("a private Postfix instance needs root");
    }
    return Optional.empty();
  }

  private static Optional<Path> which(String bin) {
    for (String dir :
        List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin")) {
      Path p = Path.of(dir, bin);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Without a host seal key: DKIM keys cannot be opened, so submissions are deferred (451). */
  public static MailHost start(HostSettings settings) {
    return start(settings, Optional.empty());
  }

  /**
   * @param seal opens the DKIM private keys the API sealed for the hosts
   */
  public static MailHost start(HostSettings settings, Optional<HostKeySeal> seal) {
    unavailableReason()
        .ifPresent(
            why -> {
              throw new MailHostException("cannot run a mail host here: " + why);
            });
    if (seal.isEmpty()) {
      log.warn(
          "no host seal key ({}): this host cannot open DKIM keys, so it defers every submission"
              + " (451) until it has one",
          "POSTSTACK_HOST_SEAL_KEY");
    }
    MailHost host = new MailHost(settings, seal);
    try {
      host.startUp();
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
    return host;
  }

  private void startUp() {
    HostFiles.prepare(settings);
    if (SelfSignedCertificate.ensure(settings, commandLog)) {
      log.info("made a self-signed certificate for {}", settings.hostname());
    }
    Path store = Path.of(settings.storePath().value());
    if (!Files.exists(store) || LocalHostStore.needsUpgrade(store)) {
      // before any reader exists, or once per schema upgrade and before the daemons are given
      // queries that need it: the only times a second, short-lived connection is worth its risk
      LocalHostStore.open(store, Durability.FULL).close();
    }
    Set<RenderedFile.Daemon> changed =
        BaseConfigFiles.write(
            Path.of(layout.configDir().value()), HostConfigRenderer.render(settings));
    HostFiles.storeFile(store);
    Path activity = Path.of(layout.activityStore().value());
    ActivityStoreFile.create(activity);
    HostFiles.activityFile(activity);
    SigningFiles.ensureMap(Path.of(layout.senderOwnersMap().value()));
    SigningFiles.ensureMap(Path.of(layout.dkimKeysMap().value()));
    startDovecot(changed.contains(RenderedFile.Daemon.DOVECOT));
    // before Postfix: a submission that finds no milter is deferred
    startRspamd(changed.contains(RenderedFile.Daemon.RSPAMD));
    startPostfix(changed.contains(RenderedFile.Daemon.POSTFIX));
    awaitPort(settings.ports().imaps());
    awaitPort(settings.ports().pop3s());
    awaitPort(settings.ports().smtp());
    awaitPort(settings.ports().submissions());
  }

  private PidFile dovecotPid() {
    return new PidFile(Path.of(layout.dovecotRunDir().value(), "master.pid"));
  }

  private PidFile postfixPid() {
    return new PidFile(Path.of(layout.postfixQueueDir().value(), "pid", "master.pid"));
  }

  private void startDovecot(boolean configChanged) {
    if (dovecotPid().alive()) {
      if (configChanged) {
        daemons.reload(RenderedFile.Daemon.DOVECOT);
      }
      return;
    }
    Path startLog = Path.of(layout.logDir().value(), "dovecot-start.log");
    int rc =
        Command.run(
            List.of("dovecot", "-c", layout.dovecotConfig().value()), startLog, COMMAND_TIMEOUT);
    if (rc != 0) {
      throw new MailHostException("dovecot did not start (exit " + rc + "): " + tail(startLog));
    }
    // Postfix's first SASL and LMTP lookups go to these sockets
    awaitFile(Path.of(layout.dovecotRunDir().value(), "auth-postfix"));
    awaitFile(Path.of(layout.dovecotRunDir().value(), "lmtp"));
  }

  private PidFile rspamdPid() {
    return new PidFile(Path.of(layout.rspamdRunDir().value(), "rspamd.pid"));
  }

  /**
   * rspamd with the stock configuration and this host's directories: its own config dir, DBDIR, run
   * dir and log dir, so no two hosts on a machine share anything and nothing system-wide is
   * started.
   */
  private List<String> rspamdArgs(String command) {
    return List.of(
        command,
        "--var=LOCAL_CONFDIR=" + layout.rspamdConfigDir().value(),
        "--var=DBDIR=" + layout.rspamdDbDir().value(),
        "--var=RUNDIR=" + layout.rspamdRunDir().value(),
        "--var=LOGDIR=" + layout.logDir().value());
  }

  private void startRspamd(boolean configChanged) {
    if (rspamdPid().alive()) {
      if (configChanged) {
        daemons.reload(RenderedFile.Daemon.RSPAMD);
      }
      return;
    }
    Path startLog = Path.of(layout.logDir().value(), "rspamd-start.log");
    rspamdCache = rspamdCache();
    rspamdCache.ifPresent(c -> shareCompiled("seed", () -> c.seed(rspamdDbDir())));
    List<String> test = new java.util.ArrayList<>(rspamdArgs("rspamadm"));
    test.addAll(List.of("configtest", "-c", STOCK_RSPAMD_CONF));
    int rc = Command.run(test, startLog, COMMAND_TIMEOUT);
    if (rc != 0) {
      throw new MailHostException("rspamd's configuration is refused: " + tail(startLog));
    }
    List<String> start = new java.util.ArrayList<>(rspamdArgs("rspamd"));
    start.addAll(List.of("-c", STOCK_RSPAMD_CONF, "-u", RSPAMD_USER, "-g", RSPAMD_USER));
    rc = Command.run(start, startLog, RSPAMD_READY_TIMEOUT);
    if (rc != 0) {
      throw new MailHostException("rspamd did not start (exit " + rc + "): " + tail(startLog));
    }
    awaitUnixSocket(Path.of(layout.rspamdMilterSocket().value()), RSPAMD_READY_TIMEOUT);
    // what it compiled before it answered; what it compiles after that follows at close()
    rspamdCache.ifPresent(c -> shareCompiled("publish", () -> c.publish(rspamdDbDir())));
  }

  private Path rspamdDbDir() {
    return Path.of(layout.rspamdDbDir().value());
  }

  /** The machine's cache for the installed rspamd, unless its version cannot be read. */
  private Optional<RspamdCache> rspamdCache() {
    try {
      Process p =
          new ProcessBuilder(which("rspamd").map(Path::toString).orElse("rspamd"), "--version")
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectErrorStream(true)
              .start();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      // one short line ("Rspamd daemon version 3.4"), well within a pipe's buffer
      return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .findFirst()
          .map(version -> new RspamdCache(RspamdCache.MACHINE_DIR, version));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A cache that fails costs rspamd's compile time, never the host. */
  private void shareCompiled(String what, java.util.function.IntSupplier action) {
    try {
      int files = action.getAsInt();
      log.debug("rspamd cache {}: {} compiled files", what, files);
    } catch (RuntimeException e) {
      log.warn("rspamd cache {} failed, rspamd compiles for itself: {}", what, e.getMessage());
    }
  }

  static final String STOCK_RSPAMD_CONF = "/etc/rspamd/rspamd.conf";
  static final String RSPAMD_USER = "_rspamd";

  /** The milter answers once the socket accepts a connection (it is bound before it answers). */
  private void awaitUnixSocket(Path socket, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (java.nio.channels.SocketChannel ch =
          java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > until) {
          throw new MailHostException(
              "rspamd's milter socket "
                  + socket
                  + " does not answer after "
                  + timeout.toSeconds()
                  + " s (see "
                  + layout.logDir()
                  + "/rspamd.log)");
        }
        sleep(50);
      }
    }
  }

  private void startPostfix(boolean configChanged) {
    String dir = layout.postfixConfigDir().value();
    if (postfixPid().alive()) {
      if (configChanged) {
        daemons.reloadPostfix();
      }
      return;
    }
    int rc = Command.run(List.of("postfix", "-c", dir, "check"), commandLog, COMMAND_TIMEOUT);
    if (rc != 0) {
      throw new MailHostException("postfix check failed (exit " + rc + "): " + tail(commandLog));
    }
    rc = Command.run(List.of("postfix", "-c", dir, "start"), commandLog, COMMAND_TIMEOUT);
    if (rc != 0) {
      throw new MailHostException("postfix did not start (exit " + rc + "): " + tail(commandLog));
    }
  }

  /**
   * Stops the daemons (Postfix first, so no submission meets a missing milter): their own stop
   * commands first, the pid files' processes as a last resort.
   */
  @Override
  public void close() {
    if (postfixPid().alive()) {
      Command.run(
          List.of("postfix", "-c", layout.postfixConfigDir().value(), "stop"),
          commandLog,
          COMMAND_TIMEOUT);
    }
    rspamdPid().process().ifPresent(ProcessHandle::destroy);
    if (dovecotPid().alive()) {
      Command.run(
          List.of("doveadm", "-c", layout.dovecotConfig().value(), "stop"),
          commandLog,
          COMMAND_TIMEOUT);
    }
    for (PidFile pid : List.of(postfixPid(), rspamdPid(), dovecotPid())) {
      pid.process().ifPresent(MailHost::terminate);
    }
    // rspamd compiles most of its expressions after it answers: with it stopped, hand those on
    rspamdCache.ifPresent(c -> shareCompiled("publish", () -> c.publish(rspamdDbDir())));
  }

  private static void terminate(ProcessHandle p) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (p.isAlive() && System.nanoTime() < until) {
      sleep(50);
    }
    if (p.isAlive()) {
      p.destroy();
      try {
        p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  public HostSettings settings() {
    return settings;
  }

  public MailDaemons daemons() {
    return daemons;
  }

  private void awaitPort(int port) {
    long until = System.nanoTime() + READY_TIMEOUT.toNanos();
    String host = settings.listenAddress().isAny() ? "127.0.0.1" : settings.listenAddress().value();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > until) {
          throw new MailHostException(
              "nothing answers on "
                  + host
                  + ":"
                  + port
                  + " after "
                  + READY_TIMEOUT.toSeconds()
                  + " s (see "
                  + layout.logDir()
                  + ")");
        }
        sleep(50);
      }
    }
  }

  private static void awaitFile(Path p) {
    long until = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!Files.exists(p)) {
      if (System.nanoTime() > until) {
        throw new MailHostException(p + " did not appear");
      }
      sleep(20);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no output; see " + file + ")";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MailHostException("interrupted while waiting for the mail host", e);
    }
  }
}
