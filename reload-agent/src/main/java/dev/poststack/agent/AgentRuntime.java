package dev.poststack.agent;

import dev.poststack.agent.activity.ActivityForwarder;
import dev.poststack.agent.activity.KafkaActivitySink;
import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.agent.reconcile.KafkaEntrySource;
import dev.poststack.agent.reconcile.KafkaResyncRequests;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.report.StatusReporter;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.hostconfig.HostLayout;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;

/**
 * One running agent: its mail host (when it has one), its store connection, the Kafka consumer and
 * producer, and the reconcile loop on its own thread. {@link #close()} stops them in reverse order,
 * the daemons last, so no change is half-applied when mail stops.
 */
public final class AgentRuntime implements AutoCloseable {
  private final Optional<MailHost> mailHost;
  private final LocalHostStore store;
  private final KafkaEntrySource source;
  private final KafkaResyncRequests requests;
  private final StatusReporter reporter;
  private final ReloadAgent agent;
  private final Thread thread;
  private final Optional<ActivityForwarder> activity;

  private AgentRuntime(
      Optional<MailHost> mailHost,
      LocalHostStore store,
      KafkaEntrySource source,
      KafkaResyncRequests requests,
      StatusReporter reporter,
      ReloadAgent agent,
      Optional<ActivityForwarder> activity) {
    this.requests = requests;
    this.mailHost = mailHost;
    this.activity = activity;
    this.store = store;
    this.source = source;
    this.reporter = reporter;
    this.agent = agent;
    this.thread = new Thread(agent, "poststack-agent");
  }

  public static AgentRuntime start(AgentSettings s) {
    Optional<MailHost> host = s.mailHost().map(h -> MailHost.start(h, s.hostSeal()));
    LocalHostStore store = null;
    try {
      store = LocalHostStore.open(s.storePath(), s.durability());
      KafkaEntrySource source =
          new KafkaEntrySource(
              s.bootstrapServers(), Topics.HOST_ENTRIES.name(), s.groupId(), s.maxBurst());
      StatusReporter reporter =
          new StatusReporter(
              s.bootstrapServers(),
              Topics.HOST_STATUS.name(),
              s.hostId(),
              host.map(h -> h.settings().listenAddress().value()).orElse(""),
              java.time.Instant.now());
      KafkaResyncRequests requests =
          new KafkaResyncRequests(s.bootstrapServers(), Topics.HOST_COMMANDS.name(), s.hostId());
      DaemonControl daemons =
          host.<DaemonControl>map(MailHost::daemons).orElse(DaemonControl.none());
      ReloadAgent agent =
          new ReloadAgent(
              s.hostId(),
              Topics.HOST_ENTRIES.name(),
              store,
              source,
              reporter,
              daemons,
              s.reportEvery(),
              Clock.systemUTC(),
              new ReloadPacing(s.postfixReloadWindow()),
              requests,
              s.commitGap());
      Optional<ActivityForwarder> activity =
          host.filter(h -> s.activity().enabled()).map(h -> startActivity(s, h.settings()));
      AgentRuntime runtime =
          new AgentRuntime(host, store, source, requests, reporter, agent, activity);
      runtime.thread.start();
      return runtime;
    } catch (RuntimeException e) {
      if (store != null) {
        store.close();
      }
      host.ifPresent(MailHost::close);
      throw e;
    }
  }

  /**
   * The activity forwarder of a mail host: its own thread, its own connection and producer, so the
   * apply loop never waits on it.
   */
  public static ActivityForwarder startActivity(AgentSettings s, HostSettings host) {
    HostLayout l = host.layout();
    Path activityDir = Path.of(l.activityDir().value());
    return ActivityForwarder.forMailHost(
            new ActivityForwarder.Settings(
                s.hostId(),
                Path.of(l.activityStore().value()),
                Optional.of(Path.of(host.storePath().value())),
                Path.of(l.dovecotLog().value()),
                s.activity().pollEvery(),
                s.activity().batch(),
                s.activity().usageEvery()),
            l.dovecotConfig().value(),
            scratch(activityDir),
            new KafkaActivitySink(s.bootstrapServers(), s.hostId()),
            Clock.systemUTC())
        .start();
  }

  /** Messages read back pass through here: root's alone (0700), emptied at start. */
  private static Path scratch(Path activityDir) {
    Path dir = activityDir.resolveSibling("activity-scratch");
    try {
      if (Files.isDirectory(dir)) {
        try (var old = Files.list(dir)) {
          for (Path p : (Iterable<Path>) old::iterator) {
            Files.deleteIfExists(p);
          }
        }
      }
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  public Optional<ActivityForwarder> activity() {
    return activity;
  }

  public LocalHostStore store() {
    return store;
  }

  public Optional<MailHost> mailHost() {
    return mailHost;
  }

  /** Stops the loop; the mail host's daemons too when {@code stopMailHost}. */
  public void close(boolean stopMailHost) {
    activity.ifPresent(ActivityForwarder::close);
    agent.stop();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      source.close();
      requests.close();
      reporter.close();
      store.close();
    } finally {
      if (stopMailHost) {
        mailHost.ifPresent(MailHost::close);
      }
    }
  }

  @Override
  public void close() {
    close(true);
  }
}
