package dev.poststack.provisioner.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.testing.TestDatabase;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V3 on a database that V2 filled: live mailboxes and aliases take their key's position
 * and pending outbox rows as their own; a deleted mailbox, whose key may be another's now, gets
 * none.
 */
class PropagationBackfillIT {

  @Test
  void liveObjectsTakeTheirKeysPositionAndPendingRowsDeletedOnesNothing() {
    try (TestDatabase testDb = TestDatabase.create()) {
      migrate(testDb, "2");
      Database db = new Database(testDb);
      db.execute(
          "insert into domain values (1, 'dom_1', 7, 'old.example', 'verified', true, now(),"
              + " now(), now(), null)");
      db.execute(
          "insert into mailbox values (10, 'mb_10', 7, 1, 'gone', 'gone@old.example', 'h', null,"
              + " 1, 'deleted', false, null, now(), now(), now())");
      db.execute(
          "insert into mailbox values (11, 'mb_11', 7, 1, 'anna', 'anna@old.example', 'h', null,"
              + " 1, 'active', false, null, now(), now(), null)");
      db.execute(
          "insert into alias values (20, 'al_20', 7, 1, 'info', 'info@old.example', 11, now(),"
              + " null)");
      db.execute(
          "insert into host_entry_position values ('mailbox:gone@old.example', 1, 5, null,"
              + " now()), ('mailbox:anna@old.example', 2, 8, 'x', now()),"
              + " ('alias:info@old.example', 0, 3, 'y', now())");
      db.execute(
          "insert into host_entry_outbox (entry_key, line) values ('mailbox:anna@old.example',"
              + " 'a line'), ('sender:info@old.example', 'a grant')");

      migrate(testDb, "latest");

      assertThat(
              db.rows(
                  "select object_kind, object_id, entry_key, kafka_partition, kafka_offset"
                      + " from host_entry_object_position order by object_kind, object_id"))
          .containsExactly(
              Map.of(
                  "object_kind",
                  "alias",
                  "object_id",
                  20L,
                  "entry_key",
                  "alias:info@old.example",
                  "kafka_partition",
                  0,
                  "kafka_offset",
                  3L),
              Map.of(
                  "object_kind",
                  "mailbox",
                  "object_id",
                  11L,
                  "entry_key",
                  "mailbox:anna@old.example",
                  "kafka_partition",
                  2,
                  "kafka_offset",
                  8L));
      assertThat(
              db.rows(
                  "select entry_key, object_kind, object_id from host_entry_outbox order by id"))
          .extracting(
              r -> r.get("entry_key") + " " + r.get("object_kind") + " " + r.get("object_id"))
          .containsExactly(
              "mailbox:anna@old.example mailbox 11", "sender:info@old.example null null");
    }
  }

  private static void migrate(TestDatabase db, String target) {
    ProvisionerSchema.configure(
            Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).target(target))
        .load()
        .migrate();
  }
}
