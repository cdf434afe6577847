package dev.poststack.provisioner.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two databases with the provisioner's tables, filled by hand, compared table by table. */
class StateComparisonIT {
  private static final String HASH = "{SHA512-CRYPT}$6$salt$c2VjcmV0aGFzaA";

  private TestDatabase live;
  private TestDatabase replayed;

  @BeforeEach
  void twoDatabasesWithTheSameState() {
    live = TestDatabase.create();
    replayed = TestDatabase.create();
    for (TestDatabase db : new TestDatabase[] {live, replayed}) {
      ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
      Database rows = new Database(db);
      for (int id = 1; id <= 12; id++) {
        rows.execute(
            "insert into domain (id, public_id, team_id, name, status, inbound_enabled,"
                + " created_at, updated_at) values ("
                + id
                + ", 'dom_"
                + id
                + "', 7, 'd"
                + id
                + ".example', 'verified', true, '2026-01-01Z', '2026-01-01Z')");
        rows.execute(
            "insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address,"
                + " password_hash, quota_bytes, status, webhook_enabled, created_at, updated_at)"
                + " values ("
                + id
                + ", 'mb_"
                + id
                + "', 7, "
                + id
                + ", 'anna', 'anna@d"
                + id
                + ".example', '"
                + HASH
                + "', 1024, 'active', false, '2026-01-01Z', '2026-01-01Z')");
      }
    }
  }

  @AfterEach
  void drop() {
    live.close();
    replayed.close();
  }

  @Test
  void equalStateHasNoDifference() throws Exception {
    assertThat(difference()).isEmpty();
  }

  @Test
  void namesTheFirstDifferingRowInKeyOrderAndItsColumnsWithoutTheirValues() throws Exception {
    new Database(live)
        .execute(
            "update mailbox set password_hash = '{SHA512-CRYPT}$6$other$aGFzaA', status ="
                + " 'suspended' where id in (10, 11)");
    Optional<String> difference = difference();
    assertThat(difference).contains("mailbox: row id=10 differs in password_hash, status");
    assertThat(difference.get()).doesNotContain("SHA512");
  }

  @Test
  void namesARowOnlyOneSideHolds() throws Exception {
    new Database(replayed).execute("delete from mailbox where id = 2");
    assertThat(difference()).contains("mailbox: row id=2 is only in the live database");
  }

  @Test
  void ignoresWhenAnAuditRowWasRecordedAndItsSerialId() throws Exception {
    String row =
        "insert into audit_event (id, event_id, event_type, team_id, occurred_at, actor_kind,"
            + " actor_id, request_id, outcome, kafka_topic, kafka_partition, kafka_offset,"
            + " recorded_at) values (%d, '6d1f2a1c-0000-4000-8000-000000000001', 'DomainCreated',"
            + " 7, '2026-01-01Z', 'api_key', 'key_1', 'req_1', 'applied',"
            + " 'poststack.mailbox-events', 0, 0, '%s')";
    new Database(live).execute(String.format(row, 5, "2026-02-01Z"));
    new Database(replayed).execute(String.format(row, 9, "2026-03-01Z"));
    assertThat(difference()).isEmpty();

    new Database(replayed)
        .execute("update mailbox set display_name = 'x' where id = 1"); // still compared
    assertThat(difference()).contains("mailbox: row id=1 differs in display_name");
  }

  @Test
  void aMailboxWithALoginAndAUsageTheLogDoesNotCarryStillVerifiesEqual() throws Exception {
    new Database(live)
        .execute(
            "update mailbox set last_login_at = '2026-02-01Z', used_bytes = 900, message_count ="
                + " 3, usage_reported_at = '2026-02-01Z', quota_notice_level = 80 where id = 4");
    assertThat(difference()).isEmpty();

    new Database(live).execute("update mailbox set quota_bytes = 2048 where id = 4");
    assertThat(difference()).contains("mailbox: row id=4 differs in quota_bytes");
  }

  private Optional<String> difference() throws Exception {
    try (Connection l = live.connect();
        Connection r = replayed.connect()) {
      return StateComparison.ofProvisionerState().difference(l, r);
    }
  }
}
