package dev.poststack.agent;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.report.AppliedStatus;
import dev.poststack.agent.report.StatusReporter;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostState;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostApplyReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store-only agent against a real broker: entries in → rows, hash, positions and reports out. */
class AgentKafkaIT {
  private static KafkaFixture kafka;

  @TempDir Path dir;

  @BeforeAll
  static void broker() {
    kafka = new KafkaFixture();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private AgentRuntime agent(String hostId, Path store) {
    return kafka.agent(hostId, store);
  }

  private static List<EntryChange> puts(HostState s) {
    return HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList();
  }

  private static long sum(Map<Integer, Long> positions) {
    return positions.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void aBusyHostsReportsArePacedAndTheLastOneCarriesTheWholeTruth() throws Exception {
    int published = 200;
    long start = System.nanoTime();
    try (StatusReporter reporter =
        new StatusReporter(kafka.bootstrap(), Topics.HOST_STATUS.name(), "busy")) {
      for (int i = 1; i <= published; i++) {
        reporter.publish(
            new AppliedStatus("busy", Map.of(0, (long) i), "00", i, java.time.Instant.now()));
        Thread.sleep(2);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<HostApplyReport> sent = kafka.reports("busy");
    assertThat(sent)
        .as("a report per %s ms at most over %.2f s, not one per burst", 50, seconds)
        .hasSizeLessThanOrEqualTo((int) (seconds * 20) + 2)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(sent.get(sent.size() - 1).getEntryCount())
        .as("the last status published is the last sent")
        .isEqualTo(published);
  }

  @Test
  void newHostReadsTheTopicFromTheBeginningAndReportsWhatItApplied() {
    HostState s =
        state()
            .domain(1, "first.test")
            .mailbox(10, "alice@first.test", "pw-a")
            .mailbox(11, "bob@first.test", "pw-b")
            .alias(20, "info@first.test", 10)
            .build();
    kafka.publish(puts(s));

    try (AgentRuntime a = agent("host-a", dir.resolve("a.sqlite"))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(s)));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HostApplyReport report = kafka.latestReport("host-a").orElseThrow();
                assertThat(report.getContentHash()).isEqualTo(a.store().contentHash().hex());
                assertThat(report.getEntryCount()).isEqualTo(a.store().entryCount());
                assertThat(
                        report.getPositions().stream()
                            .collect(
                                Collectors.toMap(p -> p.getPartition(), p -> p.getNextOffset())))
                    .isEqualTo(a.store().positions(Topics.HOST_ENTRIES.name()));
              });
    }
  }

  @Test
  void storeHashEqualsAFreshRenderAndTombstonesRemoveRows() {
    HostState s =
        state()
            .domain(2, "second.test")
            .mailbox(30, "carol@second.test", "pw-c")
            .alias(40, "sales@second.test", 30)
            .build();
    Path store = dir.resolve("b.sqlite");
    try (AgentRuntime a = agent("host-b", store)) {
      // this host started after other tests published: its own entries are a subset of the topic
      kafka.publish(puts(s));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(s)));
      assertThat(a.store().contentHash()).isEqualTo(ContentHash.of(a.store().allEntries()));

      kafka.publish(
          List.of(
              new EntryChange.Remove(EntryKey.parse("alias:sales@second.test")),
              new EntryChange.Remove(EntryKey.parse("sender:sales@second.test"))));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(a.store().allEntries())
                      .noneMatch(e -> e.key().name().equals("sales@second.test")));
      assertThat(a.store().contentHash()).isEqualTo(ContentHash.of(a.store().allEntries()));
    }
  }

  @Test
  void restartResumesFromTheStoredPositionsWithoutReapplying() throws Exception {
    Path store = dir.resolve("c.sqlite");
    HostState s = state().domain(3, "third.test").mailbox(50, "dan@third.test", "pw-d").build();
    kafka.publish(puts(s));
    Map<Integer, Long> before;
    try (AgentRuntime a = agent("host-c", store)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(s)));
      before = a.store().positions(Topics.HOST_ENTRIES.name());
    }
    // an entry the agent already applied, removed behind its back: a re-read from the beginning
    // would restore it
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store)) {
      c.createStatement().executeUpdate("DELETE FROM mailboxes WHERE address = 'dan@third.test'");
    }
    HostState more = state().domain(3, "third.test").mailbox(51, "eve@third.test", "pw-e").build();
    kafka.publish(puts(more));

    try (AgentRuntime a = agent("host-c", store)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(more)));
      assertThat(sum(a.store().positions(Topics.HOST_ENTRIES.name())))
          .isEqualTo(sum(before) + puts(more).size());
      assertThat(a.store().allEntries()).noneMatch(e -> e.key().name().equals("dan@third.test"));
    }
  }

  @Test
  void refusedRecordIsNotWrittenAndTheAgentMovesOn() {
    Path store = dir.resolve("d.sqlite");
    try (AgentRuntime a = agent("host-d", store)) {
      kafka.publishRaw(
          "mailbox:mallory@fourth.test",
          "mailbox mallory@fourth.test password=x' OR 1=1 status=active");
      HostState s = state().domain(4, "fourth.test").build();
      kafka.publish(puts(s));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(s)));
      assertThat(a.store().allEntries())
          .noneMatch(e -> e.key().name().equals("mallory@fourth.test"));
      // the refusal is in the host's report, not only in its log; the line (a hash) is not
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HostApplyReport report = kafka.latestReport("host-d").orElseThrow();
                assertThat(report.getRefusedEntries())
                    .singleElement()
                    .satisfies(
                        r -> {
                          assertThat(r.getKey()).isEqualTo("mailbox:mallory@fourth.test");
                          assertThat(r.getReason()).isNotBlank().doesNotContain("OR 1=1");
                        });
                assertThat(report.getStartedAt()).isNotNull();
              });
    }
  }
}
