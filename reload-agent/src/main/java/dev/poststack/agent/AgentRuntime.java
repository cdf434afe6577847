package dev.poststack.agent;

import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.agent.reconcile.KafkaEntrySource;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.report.StatusReporter;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.schemas.Topics;
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
  private final StatusReporter reporter;
  private final ReloadAgent agent;
  private final Thread thread;

  private AgentRuntime(
      Optional<MailHost> mailHost,
      LocalHostStore store,
      KafkaEntrySource source,
      StatusReporter reporter,
      ReloadAgent agent) {
    this.mailHost = mailHost;
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
          new StatusReporter(s.bootstrapServers(), Topics.HOST_STATUS.name(), s.hostId());
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
              new ReloadPacing(s.postfixReloadWindow()));
      AgentRuntime runtime = new AgentRuntime(host, store, source, reporter, agent);
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

  public LocalHostStore store() {
    return store;
  }

  public Optional<MailHost> mailHost() {
    return mailHost;
  }

  /** Stops the loop; the mail host's daemons too when {@code stopMailHost}. */
  public void close(boolean stopMailHost) {
    agent.stop();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      source.close();
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
