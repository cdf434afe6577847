package dev.poststack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.HostAlias;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.host.HostState;
import dev.poststack.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own JVM, SIGKILLed while it applies bursts of changes. After every kill the
 * store must hold exactly the records below its stored positions (rows and positions committed
 * together: nothing applied twice, nothing lost), and at the end its hash equals a fresh render.
 */
class AgentCrashIT {
  private static final String DOMAIN = "crash.test";
  private static final String PW = HostStates.hash("crash-pw");
  private static final String PW2 = HostStates.hash("crash-pw-2");

  @TempDir Path dir;
  private final List<KafkaFixture.Published> published = new ArrayList<>();
  private final Map<Long, HostMailbox> mailboxes = new TreeMap<>();
  private final Map<Long, HostAlias> aliases = new TreeMap<>();
  private final Random random = new Random(42);
  private KafkaFixture kafka;
  private Process child;
  private long nextId = 1;

  @AfterEach
  void stop() {
    if (child != null) {
      child.destroyForcibly();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void storeStaysConsistentAcrossSigkillsAndEndsEqualToAFreshRender() throws Exception {
    kafka = new KafkaFixture();
    Path store = dir.resolve("crash.sqlite");
    published.addAll(kafka.publish(HostEntries.changesOf(HostDomain.of(1, DOMAIN, true))));
    int killedMidway = 0;
    for (int kill = 0; kill < 4; kill++) {
      long before = sum(storePositionsIfAny(store));
      publishRound(1500);
      child = startAgent(store);
      // kill once it is applying: some of this round stored, the rest still to come
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(2))
          .until(() -> sum(storePositionsIfAny(store)) > before);
      Thread.sleep(random.nextInt(500));
      child.destroyForcibly().waitFor();
      if (sum(storePositionsIfAny(store)) < published.size()) {
        killedMidway++;
      }
      assertStoreMatchesRecordsBelowItsPositions(store);
    }
    assertThat(killedMidway)
        .as("kills that landed while records were still unapplied")
        .isPositive();
    child = startAgent(store);
    publishRound(300);
    Map<Integer, Long> end = endPositions();
    await().atMost(Duration.ofSeconds(60)).until(() -> storePositions(store).equals(end));
    child.destroyForcibly().waitFor();

    try (LocalHostStore s = LocalHostStore.open(store, Durability.FULL)) {
      List<HostEntry> render = HostEntries.render(state());
      assertThat(new HashSet<>(s.allEntries())).isEqualTo(new HashSet<>(render));
      assertThat(s.contentHash()).isEqualTo(ContentHash.of(render));
    }
  }

  private Process startAgent(Path store) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.poststack.schemas",
            "-cp",
            System.getProperty("java.class.path"),
            ReloadAgentMain.class.getName(),
            "--host-id=crash",
            "--kafka-bootstrap=" + kafka.bootstrap(),
            "--agent-store=" + store,
            "--agent-max-burst=200");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(Path.of("target", "agent-crash-it.log").toFile()));
    pb.environment().put("POSTSTACK_AGENT_LOG_LEVEL", "DEBUG");
    return pb.start();
  }

  /**
   * Random provisioning changes, published as the provisioner would: per object, after applying it.
   */
  private void publishRound(int changes) {
    List<EntryChange> batch = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      batch.addAll(randomChange());
    }
    published.addAll(kafka.publish(batch));
  }

  private List<EntryChange> randomChange() {
    List<Long> live =
        mailboxes.values().stream().filter(HostMailbox::isLive).map(HostMailbox::id).toList();
    int op = live.isEmpty() ? 0 : random.nextInt(6);
    if (op == 0 || op == 1) {
      long id = nextId++;
      HostMailbox m = HostMailbox.of(id, DOMAIN, "u" + id, PW, "active", 1L << 20);
      mailboxes.put(id, m);
      return HostEntries.changesOf(m, List.of());
    }
    HostMailbox m = mailboxes.get(live.get(random.nextInt(live.size())));
    HostMailbox changed =
        switch (op) {
          case 2 ->
              HostMailbox.of(
                  m.id(),
                  DOMAIN,
                  m.address().localPart().value(),
                  PW2,
                  m.status().wireName(),
                  1L << 20);
          case 3 ->
              HostMailbox.of(
                  m.id(),
                  DOMAIN,
                  m.address().localPart().value(),
                  m.passwordHash().value(),
                  m.status().wireName().equals("active") ? "suspended" : "active",
                  1L << 20);
          case 4 ->
              HostMailbox.of(
                  m.id(),
                  DOMAIN,
                  m.address().localPart().value(),
                  m.passwordHash().value(),
                  "deleted",
                  1L << 20);
          default -> null;
        };
    if (changed == null) {
      long id = nextId++;
      HostAlias a = HostAlias.of(id, DOMAIN, "a" + id, m.id(), false);
      aliases.put(id, a);
      return HostEntries.changesOf(a, m);
    }
    mailboxes.put(changed.id(), changed);
    return HostEntries.changesOf(
        changed,
        aliases.values().stream().filter(a -> a.destinationMailboxId() == m.id()).toList());
  }

  private HostState state() {
    return new HostState(
        List.of(HostDomain.of(1, DOMAIN, true)),
        List.copyOf(mailboxes.values()),
        List.copyOf(aliases.values()));
  }

  private void assertStoreMatchesRecordsBelowItsPositions(Path store) {
    try (LocalHostStore s = LocalHostStore.open(store, Durability.FULL)) {
      Map<Integer, Long> positions = s.positions(Topics.HOST_ENTRIES.name());
      Map<String, String> fold = new HashMap<>();
      published.stream()
          .filter(p -> p.offset() < positions.getOrDefault(p.partition(), 0L))
          .sorted(
              Comparator.comparingInt(KafkaFixture.Published::partition)
                  .thenComparingLong(KafkaFixture.Published::offset))
          .forEach(p -> fold.put(p.key(), p.value()));
      Set<HostEntry> expected = new HashSet<>();
      fold.values().stream().filter(v -> v != null).forEach(v -> expected.add(EntryCodec.parse(v)));

      assertThat(new HashSet<>(s.allEntries())).isEqualTo(expected);
      assertThat(s.contentHash()).isEqualTo(ContentHash.of(expected));
      System.out.printf(
          "after SIGKILL: positions %s of %d published, %d rows consistent%n",
          positions, published.size(), expected.size());
    }
  }

  private Map<Integer, Long> endPositions() {
    Map<Integer, Long> end = new TreeMap<>();
    published.forEach(p -> end.merge(p.partition(), p.offset() + 1, Math::max));
    return end;
  }

  private static long sum(Map<Integer, Long> positions) {
    return positions.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<Integer, Long> storePositionsIfAny(Path store) {
    try {
      return java.nio.file.Files.exists(store) ? storePositions(store) : Map.of();
    } catch (Exception e) {
      return Map.of(); // schema not created yet
    }
  }

  private static Map<Integer, Long> storePositions(Path store) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + store + "?mode=ro");
        var rs =
            c.createStatement()
                .executeQuery("SELECT partition, next_offset FROM consumer_positions")) {
      Map<Integer, Long> positions = new TreeMap<>();
      while (rs.next()) {
        positions.put(rs.getInt(1), rs.getLong(2));
      }
      return positions;
    }
  }
}
