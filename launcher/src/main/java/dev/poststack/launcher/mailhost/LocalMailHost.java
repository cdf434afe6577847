package dev.poststack.launcher.mailhost;

import dev.poststack.agent.AgentRuntime;
import dev.poststack.agent.AgentSettings;
import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.agent.mailhost.MailHostException;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.store.Durability;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.renderer.hostconfig.HostSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A private Dovecot + Postfix under the data directory and its reload agent, in the launcher's JVM.
 */
public final class LocalMailHost implements AutoCloseable {
  private final AgentRuntime runtime;
  private final HostSettings settings;
  private final String hostId;

  private LocalMailHost(AgentRuntime runtime, HostSettings settings, String hostId) {
    this.runtime = runtime;
    this.settings = settings;
    this.hostId = hostId;
  }

  /** Why no mail host can run here (daemons missing, not root), or empty when one can. */
  public static Optional<String> unavailableReason() {
    return MailHost.unavailableReason();
  }

  /**
   * Starts the host; {@code dataDir} is recorded beside a host under {@code /var/lib/poststack} so
   * people can tell which data directory a directory there belongs to.
   */
  public static LocalMailHost start(MailHostEnv env, String kafkaBootstrap, Path dataDir) {
    HostSettings s = env.settings();
    try {
      recordOwner(Path.of(s.baseDir().value()), dataDir);
      AgentRuntime runtime =
          AgentRuntime.start(
              new AgentSettings(
                  env.hostId(),
                  kafkaBootstrap,
                  Path.of(s.storePath().value()),
                  Durability.FULL,
                  Duration.ofSeconds(30),
                  2000,
                  Optional.of(s),
                  ReloadPacing.DEFAULT_WINDOW,
                  Optional.of(env.hostSeal())));
      return new LocalMailHost(runtime, s, env.hostId());
    } catch (MailHostException | IllegalArgumentException | UncheckedIOException e) {
      throw new OperatorException(
          "mail host did not start: " + e.getMessage() + " (logs in " + s.layout().logDir() + ")",
          e);
    }
  }

  private static void recordOwner(Path baseDir, Path dataDir) {
    Path stackDir = baseDir.getParent();
    if (stackDir == null || !LauncherEnv.MAILHOST_ROOT.equals(stackDir.getParent())) {
      return; // POSTSTACK_MAILHOST_DIR chose the place: write nothing beside it
    }
    try {
      Files.createDirectories(stackDir);
      Files.writeString(stackDir.resolve("data-dir"), dataDir + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + stackDir.resolve("data-dir"), e);
    }
  }

  /** One line: the ports a mail client uses. */
  public String describe() {
    var p = settings.ports();
    return "IMAPS "
        + p.imaps()
        + ", POP3S "
        + p.pop3s()
        + ", SMTP "
        + p.smtp()
        + ", submissions "
        + p.submissions()
        + " on "
        + settings.listenAddress();
  }

  public String hostId() {
    return hostId;
  }

  /** The host's own directory: configuration, store, Maildirs, certificate, logs. */
  public Path baseDir() {
    return Path.of(settings.baseDir().value());
  }

  public void printDetails(PrintStream out) {
    out.printf("  %-11s %s%n", "Mail host", describe());
    out.printf(
        "  %-11s %s (self-signed unless you put your own there)%n",
        "Certificate", settings.tlsCertPath());
    out.printf("  %-11s %s%n", "Host store", settings.storePath());
    out.printf("  %-11s %s%n", "Mail logs", settings.layout().logDir());
  }

  /** Stops the agent, then both daemons: nothing outlives the launcher. */
  @Override
  public void close() {
    runtime.close(true);
  }
}
