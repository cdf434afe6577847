package dev.poststack.agent;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostState;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostResyncRequest;
import dev.poststack.schemas.host.PartitionPosition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that kept a row the topic no longer has (it never read the tombstone) is at the end of
 * every partition, yet its content hash is not what the published entries add up to. Only the
 * control plane can see that; it sends a resync request, and the host rebuilds its store and ends
 * with the expected hash. A request that no longer describes the store is not followed.
 */
class ResyncRequestIT {
  private static final String HOST = "asked-host";
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

  private AgentRuntime agent(Path store) {
    return kafka.agent(HOST, store);
  }

  @Test
  void aHostWithAnUnexpectedHashAtTheEndRebuildsWhenAskedAndOnlyThen() throws Exception {
    HostState before =
        state()
            .domain(1, "asked.test")
            .mailbox(10, "alice@asked.test", "pw-a")
            .mailbox(11, "bob@asked.test", "pw-b")
            .build();
    List<HostEntry> expected =
        HostEntries.render(
            state().domain(1, "asked.test").mailbox(10, "alice@asked.test", "pw-a").build());
    kafka.publish(puts(before));
    Path store = dir.resolve("host.sqlite");
    try (AgentRuntime a = agent(store)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(before)));
    }

    // bob is deleted while the host is off, and the host's positions are moved past his
    // tombstone by hand: a host that missed it (as after a bug or a restored backup)
    List<KafkaFixture.Published> tombstone =
        kafka.publish(List.of(new EntryChange.Remove(EntryKey.parse("mailbox:bob@asked.test"))));
    Map<Integer, Long> ends = new TreeMap<>();
    try (AgentRuntime a = agent(store)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !a.store().allEntries().contains(bobOf(before)));
      ends.putAll(a.store().positions(Topics.HOST_ENTRIES.name()));
    }
    reinsertBob(store, bobOf(before), tombstone.get(0));

    try (AgentRuntime a = agent(store)) {
      String wrong = a.store().contentHash().hex();
      assertThat(wrong).isNotEqualTo(ContentHash.of(expected).hex());

      // a request made for other positions is stale: handled, not followed
      Map<Integer, Long> elsewhere = new TreeMap<>(ends);
      elsewhere.merge(0, 1L, Long::sum);
      Instant stale = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      kafka.requestResync(request(stale, elsewhere, wrong, ContentHash.of(expected).hex()));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> a.store().resyncRequestHandled().equals(Optional.of(stale)));
      assertThat(a.store().contentHash().hex()).isEqualTo(wrong);

      Instant asked = stale.plusMillis(1);
      kafka.requestResync(request(asked, ends, wrong, ContentHash.of(expected).hex()));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(a.store().allEntries()).containsExactlyInAnyOrderElementsOf(expected));
      assertThat(a.store().contentHash()).isEqualTo(ContentHash.of(expected));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.store().resyncRequestHandled().equals(Optional.of(asked)));
    }

    // handled once: a restart does not rebuild again for the same request
    try (AgentRuntime a = agent(store)) {
      assertThat(a.store().resyncRequestHandled()).contains(Instant.parse(asked(store)));
    }
  }

  private static String asked(Path store) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        var rs =
            c.createStatement()
                .executeQuery("SELECT value FROM meta WHERE name = 'resync_request_handled'")) {
      return rs.getString(1);
    }
  }

  private static HostResyncRequest request(
      Instant at, Map<Integer, Long> positions, String reported, String expected) {
    List<PartitionPosition> ps = new ArrayList<>();
    positions.forEach((p, o) -> ps.add(new PartitionPosition(p, o)));
    return HostResyncRequest.newBuilder()
        .setHostId(HOST)
        .setRequestedAt(at)
        .setPositions(ps)
        .setReportedHash(reported)
        .setExpectedHash(expected)
        .build();
  }

  private static HostEntry bobOf(HostState s) {
    return HostEntries.render(s).stream()
        .filter(e -> e.key().value().equals("mailbox:bob@asked.test"))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Puts bob's row back with the agent's own hash rule (his digest added to the stored hash), as an
   * agent that never read his tombstone would hold it.
   */
  private static void reinsertBob(Path store, HostEntry bob, KafkaFixture.Published tombstone)
      throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store)) {
      List<Object> values = bob.columnValues();
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO mailboxes (address, password, status, home, quota_bytes, login_key)"
                  + " VALUES (?, ?, ?, ?, ?, 'k')")) {
        for (int i = 0; i < values.size(); i++) {
          p.setObject(i + 1, values.get(i));
        }
        p.executeUpdate();
      }
      String hash;
      try (var rs =
          c.createStatement().executeQuery("SELECT value FROM meta WHERE name = 'content_hash'")) {
        hash = rs.getString(1);
      }
      try (PreparedStatement p =
          c.prepareStatement("UPDATE meta SET value = ? WHERE name = 'content_hash'")) {
        p.setString(1, ContentHash.parse(hash).add(bob).hex());
        p.executeUpdate();
      }
    }
    assertThat(tombstone.value()).isNull();
  }

  private static List<EntryChange> puts(HostState s) {
    return HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList();
  }
}
