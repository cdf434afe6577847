package dev.poststack.agent.mailhost;

import static org.awaitility.Awaitility.await;

import dev.poststack.agent.AgentRuntime;
import dev.poststack.agent.AgentSettings;
import dev.poststack.agent.KafkaFixture;
import dev.poststack.agent.activity.ActivitySettings;
import dev.poststack.agent.store.Durability;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.InstanceName;
import dev.poststack.renderer.hostconfig.Ports;
import dev.poststack.renderer.hostconfig.Route;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.MailEndpoints;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One broker + one private mail host + its agent for a test class, on free ports in a scratch
 * directory; {@link #close()} stops the daemons (also from a shutdown hook, should the JVM be torn
 * down) and removes the directory.
 */
public final class RunningMailHost implements AutoCloseable {
  public final KafkaFixture kafka;
  public final HostSettings settings;
  public final AgentRuntime agent;
  public final MailClients mail;

  /** Short, so tests that add a domain wait little for its reload; the pacing itself is tested. */
  public static final Duration POSTFIX_RELOAD_WINDOW = Duration.ofSeconds(2);

  private final Path base;
  private final Thread hook;

  public RunningMailHost(String name) throws IOException {
    this(name, List.of(), Optional.empty());
  }

  /**
   * @param routes "remote" domains routed to test servers on loopback
   * @param seal the host seal key the test seals its DKIM keys with
   */
  public RunningMailHost(String name, List<Route> routes, Optional<HostKeySeal> seal)
      throws IOException {
    this(name, routes, seal, ActivitySettings.DEFAULT);
  }

  /**
   * @param activity how the agent forwards the host's logins, usage and deliveries
   */
  public RunningMailHost(
      String name, List<Route> routes, Optional<HostKeySeal> seal, ActivitySettings activity)
      throws IOException {
    base = Files.createTempDirectory("poststack-" + name);
    kafka = new KafkaFixture();
    settings =
        HostSettings.of("mail." + name + ".test", base.toString())
            .withPorts(freePorts())
            .withInstanceName(new InstanceName("ps-" + name))
            .withOutboundDelivery(false)
            .withRoutes(routes);
    hook = new Thread(this::stopDaemons, "mailhost-test-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      agent =
          AgentRuntime.start(
              new AgentSettings(
                  name,
                  kafka.bootstrap(),
                  Path.of(settings.storePath().value()),
                  Durability.FULL,
                  Duration.ofSeconds(30),
                  2000,
                  Optional.of(settings),
                  POSTFIX_RELOAD_WINDOW,
                  seal,
                  activity,
                  dev.poststack.agent.ReloadAgent.DEFAULT_COMMIT_GAP));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    mail =
        new MailClients(
            new MailEndpoints(
                settings.ports().imaps(),
                settings.ports().pop3s(),
                settings.ports().smtp(),
                settings.ports().submissions(),
                Path.of(settings.tlsCertPath().value())));
  }

  private static Ports freePorts() {
    int[] p = FreePorts.distinct(4);
    return new Ports(p[0], p[1], p[2], p[3]);
  }

  /** Publishes and waits until the agent has committed every record and run its daemon effects. */
  public void publishAndAwait(List<EntryChange> changes) {
    publishAndAwaitCommitted(changes);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> agent.store().pendingEffects().isEmpty());
  }

  /** Publishes and waits until the agent has committed every record (effects may still wait). */
  public void publishAndAwaitCommitted(List<EntryChange> changes) {
    List<KafkaFixture.Published> published = kafka.publish(changes);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              Map<Integer, Long> positions = agent.store().positions(Topics.HOST_ENTRIES.name());
              return published.stream()
                  .allMatch(p -> positions.getOrDefault(p.partition(), 0L) > p.offset());
            });
  }

  /** Waits until the agent's rspamd map holds {@code text} and rspamd had time to see it. */
  public void awaitSigningMap(String file, String text) {
    Path map = Path.of(settings.layout().rspamdMapsDir().value(), file);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> Files.exists(map) && Files.readString(map).contains(text));
    try {
      Thread.sleep(200); // rspamd's inotify pick-up, measured at 7-15 ms
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many times Postfix's master has logged a reload so far. */
  public long postfixReloads() throws IOException {
    Path log = Path.of(settings.layout().logDir().value(), "postfix.log");
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("/master[") && l.contains(": reload -- ")).count();
    }
  }

  private void stopDaemons() {
    // the daemons' own stop commands, then their pid files (MailHost.close)
    if (agent != null) {
      agent.mailHost().ifPresent(MailHost::close);
    }
  }

  @Override
  public void close() {
    try {
      if (agent != null) {
        agent.close();
      }
      stopDaemons();
    } finally {
      kafka.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or ran
      }
      deleteTree(base);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a scratch directory; leaving it is harmless
    }
  }
}
