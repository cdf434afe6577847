package dev.poststack.provisioner.app;

import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run of creates reads by index however the tables grew since the connection first ran its
 * statements. PostgreSQL keeps a statement's generic plan from its first executions on, and with
 * the tables nearly empty then that plan is a scan; without an ANALYZE (autovacuum off, or not yet
 * run) nothing replaces it. Here the first runs meet an empty mailbox table, 50,000 mailboxes then
 * arrive by SQL, and the next run must read the table through its indexes only: PostgreSQL's own
 * counters (pg_stat_user_tables.seq_scan) stay where they were.
 */
class RunPlansIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static ApplyRig rig;
  private static Database sql;
  private static long offset;

  @BeforeAll
  static void start() {
    rig = ApplyRig.on(TestDatabase.create());
    sql = new Database(rig.database());
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void aRunReadsByIndexAfterTheTableGrewUnderACachedPlan() {
    TestEvents events = TestEvents.forTeam(TEAM);
    apply(List.of(events.domainCreated(1, "example.test"), events.domainVerified(1)));
    // more than the five executions after which PostgreSQL may settle on a generic plan
    for (int i = 0; i < 12; i++) {
      apply(List.of(events.mailboxCreated(100 + i, 1, "first" + i)));
    }
    sql.execute(
        "insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address,"
            + " password_hash, quota_bytes, status, webhook_enabled, created_at, updated_at)"
            + " select g, 'mbx_bulk' || g, "
            + TEAM
            + ", 1, 'bulk' || g, 'bulk' || g || '@example.test', '{SHA512-CRYPT}x', 1024,"
            + " 'active', false, now(), now() from generate_series(1000, 50999) g");
    long indexReadsBefore = settled("idx_scan", "pg_stat_user_indexes", "mailbox_live_address");
    long scansBefore = settled("seq_scan", "pg_stat_user_tables", "mailbox");

    List<SpecificRecord> run = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      run.add(events.mailboxCreated(60_000 + i, 1, "later" + i));
    }
    run.add(events.mailboxCreated(70_000, 1, "bulk1000"));
    List<RecordOutcome> outcomes = apply(run);

    assertThat(outcomes).hasSize(51);
    assertThat(outcomes.get(50).result())
        .as("the address a bulk row holds is found taken")
        .isEqualTo(RecordOutcome.Result.REJECTED);
    // the run's statements are counted once its connection reports them (within about a second)
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                counter("idx_scan", "pg_stat_user_indexes", "mailbox_live_address")
                    > indexReadsBefore);
    assertThat(counter("seq_scan", "pg_stat_user_tables", "mailbox"))
        .as("scans of the whole mailbox table during the run")
        .isEqualTo(scansBefore);
  }

  private static List<RecordOutcome> apply(List<SpecificRecord> events) {
    List<EventProcessor.Pending> batch = new ArrayList<>();
    for (SpecificRecord e : events) {
      batch.add(new EventProcessor.Pending(e, new KafkaPosition("plans", 0, offset++)));
    }
    return rig.processor().processAll(batch).block(TIMEOUT);
  }

  /** A statistics counter once every connection has reported what it did before. */
  private static long settled(String column, String view, String name) {
    long[] last = {-1};
    await()
        .pollInterval(Duration.ofMillis(1200))
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              long now = counter(column, view, name);
              boolean same = now == last[0];
              last[0] = now;
              return same;
            });
    return last[0];
  }

  private static long counter(String column, String view, String name) {
    String key = view.equals("pg_stat_user_tables") ? "relname" : "indexrelname";
    return sql.count(
        "select coalesce(" + column + ", 0) from " + view + " where " + key + " = ?", name);
  }
}
