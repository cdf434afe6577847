package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.controlplane.host.HostClassifier;
import dev.poststack.controlplane.host.HostRegistrySql;
import dev.poststack.controlplane.host.HostRow;
import dev.poststack.controlplane.host.HostState;
import dev.poststack.controlplane.host.HostThresholds;
import dev.poststack.controlplane.host.HostView;
import dev.poststack.controlplane.propagation.PropagationSql;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostResyncRequest;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.schemas.host.RefusedEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The host registry end to end on the provisioner's side: reports through the status topic into
 * {@code mail_host}, a tombstone marks a host removed, and the registry query (the one the API and
 * the CLI run) gives lag, state and the expected content hash over the real tables.
 */
class HostRegistryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();

  private static HostEntriesTopic topic;
  private static HostReports reports;

  private final ConfigurableApplicationContext provisioner = stack.provisioner();
  private final Database db = stack.db();

  @BeforeAll
  static void hostSide() {
    topic = new HostEntriesTopic(stack.brokers());
    reports = new HostReports(stack.brokers());
  }

  @AfterAll
  static void closeHostSide() {
    reports.close();
  }

  @Test
  void aHostRegistersWithWhatItSaysAndARemovalKeepsItAsRemovedUntilItStartsAgain() {
    Instant started = Instant.now().minusSeconds(600);
    reports.report(
        HostReports.base("reg-a", Map.of(0, 4L), Instant.now())
            .setAddress("127.0.1.7")
            .setStartedAt(started)
            .setLastError("daemon effects: postfix reload exited 1")
            .setLastErrorAt(started.plusSeconds(5))
            .setRefusedEntries(List.of(new RefusedEntry("mailbox:x@reg.test", "bad line")))
            .build());
    await()
        .atMost(WAIT)
        .until(() -> db.count("select count(*) from mail_host where host_id = 'reg-a'") == 1);
    Map<String, Object> row = db.row("select * from mail_host where host_id = 'reg-a'");
    assertThat(row)
        .containsEntry("address", "127.0.1.7")
        .containsEntry("last_error", "daemon effects: postfix reload exited 1");
    assertThat(row.get("first_seen_at")).isNotNull().isEqualTo(row.get("progressed_at"));
    Object firstSeen = row.get("first_seen_at");
    assertThat(view("reg-a").refusedEntries())
        .containsExactly(new HostRow.Refused("mailbox:x@reg.test", "bad line"));

    // the same positions again: seen, not progressed; first seen stays
    reports.report(
        HostReports.base("reg-a", Map.of(0, 4L), Instant.now()).setStartedAt(started).build());
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.row("select last_error from mail_host where host_id = 'reg-a'").get("last_error")
                    == null);
    row = db.row("select * from mail_host where host_id = 'reg-a'");
    assertThat(row.get("first_seen_at")).isEqualTo(firstSeen);
    assertThat(row.get("progressed_at")).isEqualTo(firstSeen);

    reports.tombstone("reg-a");
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.row("select removed_at from mail_host where host_id = 'reg-a'").get("removed_at")
                    != null);
    assertThat(view("reg-a").state()).isEqualTo(HostState.REMOVED);

    // the same agent, still running: it does not come back by itself
    reports.report(
        HostReports.base("reg-a", Map.of(0, 5L), Instant.now()).setStartedAt(started).build());
    // a marker report after it: once the marker is stored, the one before was handled
    reports.report(HostReports.base("reg-marker", Map.of(), Instant.now()).build());
    await()
        .atMost(WAIT)
        .until(() -> db.count("select count(*) from mail_host where host_id = 'reg-marker'") == 1);
    assertThat(db.row("select removed_at from mail_host where host_id = 'reg-a'").get("removed_at"))
        .isNotNull();

    // started again after the removal: registered anew
    reports.report(
        HostReports.base("reg-a", Map.of(0, 5L), Instant.now())
            .setStartedAt(Instant.now())
            .build());
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.row("select removed_at from mail_host where host_id = 'reg-a'").get("removed_at")
                    == null);
    assertThat(
            db.row("select first_seen_at from mail_host where host_id = 'reg-a'")
                .get("first_seen_at"))
        .isNotEqualTo(firstSeen);
  }

  @Test
  void theRegistryGivesLagStateAndWhetherAHostsHashIsTheExpectedOne() {
    TestEvents team = TestEvents.forTeam(44);
    publishAndAwait(
        team.domainCreated(404, "registry.example"),
        team.domainVerified(404),
        team.mailboxCreated(4401, 404, "ann"),
        team.mailboxCreated(4402, 404, "bob"));
    awaitPublished();
    Map<Integer, Long> ends = new java.util.TreeMap<>();
    db.rows(
            "select kafka_partition, max(kafka_offset) + 1 as e from host_entry_position group by"
                + " 1")
        .forEach(r -> ends.put((Integer) r.get("kafka_partition"), (Long) r.get("e")));
    String expected =
        ContentHash.of(topic.latest().values().stream().map(EntryCodec::parse).toList()).hex();

    reports.report(
        HostReports.base("reg-sync", ends, Instant.now()).setContentHash(expected).build());
    reports.report(HostReports.base("reg-drift", ends, Instant.now()).build()); // hash 000…
    reports.report(HostReports.base("reg-behind", Map.of(), Instant.now()).build());
    await()
        .atMost(WAIT)
        .until(() -> db.count("select count(*) from mail_host where host_id like 'reg-%'") >= 3);

    assertThat(
            db.row(
                "select (select array[s0, s1, s2, s3, s4, s5, s6, s7] from host_entry_hash) ="
                    + " (select array[sum(host_entry_slice(line_sha256, 0)),"
                    + " sum(host_entry_slice(line_sha256, 1)), sum(host_entry_slice(line_sha256,"
                    + " 2)), sum(host_entry_slice(line_sha256, 3)),"
                    + " sum(host_entry_slice(line_sha256, 4)), sum(host_entry_slice(line_sha256,"
                    + " 5)), sum(host_entry_slice(line_sha256, 6)),"
                    + " sum(host_entry_slice(line_sha256, 7))] from host_entry_position where"
                    + " line_sha256 is not null) as same"))
        .as("the triggers' running sums equal a recount")
        .containsEntry("same", true);
    HostView sync = view("reg-sync");
    assertThat(sync.state()).isEqualTo(HostState.IN_SYNC);
    assertThat(sync.row().lagEntries()).isZero();
    assertThat(sync.expectedHash()).hasValue(expected);
    assertThat(sync.hashMatches()).hasValue(true);
    assertThat(view("reg-drift").hashMatches()).hasValue(false);

    // at the end of every partition with another hash: asked to rebuild its store, once
    await()
        .atMost(WAIT)
        .until(() -> resyncRequests().stream().anyMatch(r -> r.getHostId().equals("reg-drift")));
    HostResyncRequest asked = resyncRequests().get(0);
    assertThat(asked.getHostId()).isEqualTo("reg-drift");
    assertThat(asked.getExpectedHash()).isEqualTo(expected);
    assertThat(asked.getReportedHash()).isEqualTo("0".repeat(64));
    assertThat(asked.getPositions())
        .extracting(PartitionPosition::getPartition, PartitionPosition::getNextOffset)
        .containsExactlyElementsOf(
            ends.entrySet().stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue()))
                .toList());
    reports.report(HostReports.base("reg-drift", ends, Instant.now()).build());
    reports.report(HostReports.base("reg-marker-2", Map.of(), Instant.now()).build());
    await()
        .atMost(WAIT)
        .until(
            () -> db.count("select count(*) from mail_host where host_id = 'reg-marker-2'") == 1);
    assertThat(resyncRequests())
        .as("not asked again within the interval; hosts in sync or behind never asked")
        .hasSize(1);
    assertThat(view("reg-drift").row().resyncRequestedAt()).contains(asked.getRequestedAt());
    assertThat(view("reg-sync").row().resyncRequestedAt()).isEmpty();

    HostView behind = view("reg-behind");
    assertThat(behind.state()).isEqualTo(HostState.CATCHING_UP);
    assertThat(behind.row().lagEntries())
        .isEqualTo(ends.values().stream().mapToLong(Long::longValue).sum());
    assertThat(behind.row().oldestUnappliedAt()).isPresent();
    assertThat(behind.hashMatches()).as("unknown while catching up").isEmpty();

    // propagation counts live hosts only: a removed host is neither counted nor pending
    Map<String, Object> before = propagation(4401);
    reports.tombstone("reg-behind");
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.row("select removed_at from mail_host where host_id = 'reg-behind'")
                        .get("removed_at")
                    != null);
    Map<String, Object> after = propagation(4401);
    assertThat((Long) after.get("hosts")).isEqualTo((Long) before.get("hosts") - 1);
    assertThat((String[]) before.get("pending")).contains("reg-behind");
    assertThat((String[]) after.get("pending")).doesNotContain("reg-behind", "reg-sync");
  }

  /** Every request on the host-commands topic so far, oldest first. */
  private List<HostResyncRequest> resyncRequests() {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", stack.brokers()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> tps = List.of(new TopicPartition(Topics.HOST_COMMANDS.name(), 0));
      c.assign(tps);
      c.seekToBeginning(tps);
      long end = c.endOffsets(tps).get(tps.get(0));
      List<HostResyncRequest> requests = new java.util.ArrayList<>();
      while (c.position(tps.get(0)) < end) {
        c.poll(Duration.ofMillis(200))
            .forEach(r -> requests.add(HostRecordCodec.decodeResyncRequest(r.value())));
      }
      return requests;
    }
  }

  private Map<String, Object> propagation(long mailboxId) {
    return provisioner
        .getBean(DatabaseClient.class)
        .sql(PropagationSql.OF_OBJECT)
        .bind(0, PropagationSql.MAILBOX)
        .bind(1, mailboxId)
        .bind(2, (double) HostThresholds.DEFAULT.offlineAfter().toSeconds())
        .fetch()
        .one()
        .block(WAIT);
  }

  /** The registry as the API reads it: the shared query through R2DBC, then the pure view. */
  private HostView view(String hostId) {
    DatabaseClient client = provisioner.getBean(DatabaseClient.class);
    HostRow row =
        client
            .sql(HostRegistrySql.HOSTS)
            .bind("partitions", Topics.HOST_ENTRIES.partitions())
            .bind("hostId", hostId)
            .map(
                (r, meta) ->
                    HostRow.from(
                        new HostRow.Columns() {
                          public String text(String c) {
                            return r.get(c, String.class);
                          }

                          public Long number(String c) {
                            return r.get(c, Long.class);
                          }

                          public Instant instant(String c) {
                            OffsetDateTime t = r.get(c, OffsetDateTime.class);
                            return t == null ? null : t.toInstant();
                          }
                        }))
            .one()
            .block(WAIT);
    return HostView.of(row, new HostClassifier(HostThresholds.DEFAULT));
  }

  private void awaitPublished() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.count("select count(*) from host_entry_outbox where published_at is null") == 0);
  }

  private void publishAndAwait(SpecificRecord... events) {
    stack.log().publishAll(events);
    stack
        .outcomes()
        .awaitAll(
            Arrays.stream(events).map(e -> Events.envelope(e).getEventId()).toArray(UUID[]::new));
  }
}
