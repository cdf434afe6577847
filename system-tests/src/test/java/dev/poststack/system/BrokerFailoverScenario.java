package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import dev.poststack.system.support.ApiClient.Answer;
import dev.poststack.system.support.BrokerCluster;
import dev.poststack.system.support.HostEntriesTopic;
import dev.poststack.system.support.HostStoreReader.Snapshot;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka as the distributed engine: the whole pipeline on a 3-broker KRaft cluster (topics RF 3,
 * min.insync 2), three API clients writing mailboxes, and the broker leading the first client's
 * partition of the events topic killed mid-stream, then restarted on its data. Every write the API
 * acknowledged (2xx) is applied once and audited once, no event is in the log or applied twice, and
 * the mail host's store equals a fresh render of the database.
 *
 * <p>Run on brokers as child JVMs ({@link BrokerFailoverE2E}, everywhere) and on containers of the
 * official Apache Kafka image ({@link BrokerFailoverContainersE2E}, where a Docker engine runs); a
 * stack of its own (the other classes share a single broker), so it runs last.
 */
abstract class BrokerFailoverScenario {
  private static final int CLIENTS = 3;
  private static final int MAILBOXES_PER_CLIENT = 14;
  private static final int KILL_AFTER_ANSWERS = 15;
  private static final int RESTART_AFTER_MORE_ANSWERS = 20;

  /** Set by the subclass's {@code @BeforeAll}: the stack on its cluster. */
  protected static SystemStack stack;

  private record Write(String what, Answer answer) {}

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
      stack = null;
    }
  }

  @Test
  void aKilledPartitionLeaderLosesNoAcknowledgedWriteAndAppliesNoneTwice() throws Exception {
    BrokerCluster cluster = stack.cluster();
    List<Tenant> tenants = new ArrayList<>();
    List<Long> domains = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      Tenant t = stack.tenant();
      tenants.add(t);
      domains.add(t.verifiedDomain(Tenant.uniqueDomain("failover" + c)));
    }
    int partition =
        Utils.toPositive(
                Utils.murmur2(Long.toString(domains.get(0)).getBytes(StandardCharsets.UTF_8)))
            % Topics.MAILBOX_EVENTS.partitions();
    int victim = cluster.leaderOf(Topics.MAILBOX_EVENTS.name(), partition);

    List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    CompletableFuture<?>[] clients = new CompletableFuture<?>[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      Tenant t = tenants.get(c);
      long domain = domains.get(c);
      clients[c] = CompletableFuture.runAsync(() -> stream(t, domain, writes), pool);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(clients);
    long killedAt;
    boolean killedMidStream;
    int answersAtKill;
    try {
      await("the stream under way")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> writes.size() >= KILL_AFTER_ANSWERS || all.isDone());
      cluster.kill(victim);
      killedAt = System.nanoTime();
      answersAtKill = writes.size();
      killedMidStream = !all.isDone();
      await("writes answered while broker " + victim + " is down")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> writes.size() >= answersAtKill + RESTART_AFTER_MORE_ANSWERS || all.isDone());
      cluster.restart(victim);
      all.get(180, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    long downMillis = (System.nanoTime() - killedAt) / 1_000_000;
    assertThat(killedMidStream).as("API writes still coming when the broker died").isTrue();
    cluster.awaitBrokers(3, Duration.ofSeconds(60));

    List<Write> acknowledged = writes.stream().filter(w -> w.answer().status() / 100 == 2).toList();
    List<Write> refused = writes.stream().filter(w -> w.answer().status() / 100 != 2).toList();
    assertThat(refused)
        .as("a write is acknowledged or refused as unavailable, nothing else")
        .allSatisfy(w -> assertThat(w.answer().status()).isIn(503, 504));

    // every acknowledged write: in the audit log exactly once, applied (a 202 may still be on its
    // way), and every created mailbox is in the database
    await("every acknowledged write applied")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (Write w : acknowledged) {
                if (!auditOutcomes(w.answer().requestId()).equals(List.of("applied"))) {
                  return false;
                }
              }
              return true;
            });
    for (Write w : writes) {
      assertThat(auditOutcomes(w.answer().requestId()))
          .as("audit rows of %s (HTTP %d)", w.what(), w.answer().status())
          .hasSizeLessThanOrEqualTo(1);
    }
    for (Write w : acknowledged) {
      if (w.what().startsWith("create")) {
        long id = w.answer().at("/mailbox/id").asLong();
        assertThat(count("select count(*) from mailbox where id = " + id)).as(w.what()).isOne();
      }
    }

    // no event twice: each record of the log is one distinct event, applied and audited once
    List<UUID> logged = eventIdsInLog();
    assertThat(new HashSet<>(logged)).as("distinct events in the log").hasSize(logged.size());
    await("the provisioner through the whole log")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> count("select count(*) from audit_event") == logged.size());
    assertThat(count("select count(*) from processed_event")).isEqualTo(logged.size());
    assertThat(count("select count(distinct event_id) from audit_event")).isEqualTo(logged.size());

    // the host converged: its store equals a fresh render of the database
    HostEntriesTopic topic = new HostEntriesTopic(stack.kafkaBootstrap());
    await("the outbox relayed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> count("select count(*) from host_entry_outbox where published_at is null") == 0);
    Map<Integer, Long> end = topic.endOffsets();
    await("the agent at the end of the host entries")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> stack.store().snapshot().positions().equals(end));
    List<HostEntry> render = stack.renderFromDatabase();
    Snapshot store = stack.store().snapshot();
    assertThat(new HashSet<>(store.entries())).isEqualTo(new HashSet<>(render));
    assertThat(store.storedHash()).isEqualTo(ContentHash.of(render));

    await("every partition back to three in-sync replicas")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                cluster.inSyncReplicas(Topics.MAILBOX_EVENTS.name()).values().stream()
                    .allMatch(n -> n == 3));
    Map<Integer, Long> byStatus =
        writes.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    w -> w.answer().status(),
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));
    System.out.printf(
        "broker %d (leader of events partition %d) killed after %d answers, restarted after %d"
            + " ms; %d writes (HTTP status: count %s): %d acknowledged, %d refused, %d events in"
            + " the log, each applied once; store = render (%d entries)%n",
        victim,
        partition,
        answersAtKill,
        downMillis,
        writes.size(),
        byStatus,
        acknowledged.size(),
        refused.size(),
        logged.size(),
        render.size());
  }

  /** One client's stream: create, re-password, then rename or delete, mailbox after mailbox. */
  private static void stream(Tenant tenant, long domain, List<Write> writes) {
    for (int i = 0; i < MAILBOXES_PER_CLIENT; i++) {
      String local = "fo" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
      Answer created =
          tenant.api.post(
              "/mailboxes",
              Map.of("domainId", domain, "localPart", local, "password", "first-pw-" + local));
      writes.add(new Write("create " + local, created));
      if (created.status() != 201) {
        continue; // refused (or still pending): nothing to change on it
      }
      String path = "/mailboxes/" + created.at("/mailbox/publicId").asString();
      writes.add(
          new Write(
              "password " + local,
              tenant.api.post(path + "/password", Map.of("password", "second-pw-" + local))));
      if (i % 3 == 0) {
        writes.add(new Write("delete " + local, tenant.api.delete(path)));
      } else {
        writes.add(
            new Write(
                "rename " + local, tenant.api.patch(path, Map.of("displayName", "Box " + i))));
      }
    }
  }

  private static List<String> auditOutcomes(String requestId) throws Exception {
    try (Connection c = stack.database().connect();
        PreparedStatement s =
            c.prepareStatement("select outcome from audit_event where request_id = ?")) {
      s.setString(1, requestId);
      List<String> outcomes = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          outcomes.add(rs.getString(1));
        }
      }
      return outcomes;
    }
  }

  private static long count(String sql) throws Exception {
    try (Connection c = stack.database().connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every record of the events topic, start to end, as its envelope's event id. */
  private static List<UUID> eventIdsInLog() {
    EventCodec codec = new EventCodec();
    List<UUID> ids = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < Topics.MAILBOX_EVENTS.partitions(); p++) {
        partitions.add(new TopicPartition(Topics.MAILBOX_EVENTS.name(), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Set<TopicPartition> open = new HashSet<>(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          ids.add(
              UUID.fromString(Events.envelope(codec.decode(r.value())).getEventId().toString()));
        }
        open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      }
      assertThat(open).as("partitions read to their end").isEmpty();
    }
    return ids;
  }
}
