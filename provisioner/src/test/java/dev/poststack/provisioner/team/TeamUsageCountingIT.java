package dev.poststack.provisioner.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code team_usage} is kept by the database's triggers, whoever writes (V4, V12): mailbox and
 * alias inserts counted once per statement from its transition table, updates and deletes per row.
 * Whatever mix of multi-row inserts, upserts that insert some rows and update others, moves between
 * teams, status changes, domains verified and unverified, and deletes a random history brings, the
 * counts equal a recount of the tables.
 */
class TeamUsageCountingIT {
  private static final int TEAMS = 4;
  private static TestDatabase db;
  private static Database sql;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.create();
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    sql = new Database(db);
    sql.execute(
        "insert into domain (id, public_id, team_id, name, status, inbound_enabled, created_at,"
            + " updated_at) values (1, 'dom_1', 1, 'example.test', 'verified', true, now(),"
            + " now())");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void countsEqualARecountAfterARandomHistoryOfStatements() {
    Random random = new Random(20261204);
    long nextMailbox = 1;
    long nextAlias = 1;
    long nextDomain = 2;
    for (int step = 0; step < 300; step++) {
      switch (random.nextInt(8)) {
        case 0 -> {
          // a run of creates: many rows in one statement, some of them already deleted
          int n = 1 + random.nextInt(40);
          sql.execute(insertMailboxes(nextMailbox, n, random, ""));
          nextMailbox += n;
        }
        case 1 -> {
          // an upsert whose rows partly exist (updated, counted per row) and partly do not
          long from = Math.max(1, nextMailbox - random.nextInt(20));
          int n = 1 + random.nextInt(30);
          sql.execute(
              insertMailboxes(
                  from,
                  n,
                  random,
                  " on conflict (id) do update set status = excluded.status, team_id ="
                      + " excluded.team_id"));
          nextMailbox = Math.max(nextMailbox, from + n);
        }
        case 2 -> {
          int n = 1 + random.nextInt(10);
          sql.execute(
              "insert into alias (id, public_id, team_id, domain_id, local_part, alias_address,"
                  + " destination_mailbox_id, created_at, deleted_at) select g, 'ali_' || g, g % "
                  + TEAMS
                  + ", 1, 'a' || g, 'a' || g || '@example.test', d.id, now(), case when g % 3 ="
                  + " 0 then now() end from generate_series("
                  + nextAlias
                  + ", "
                  + (nextAlias + n - 1)
                  + ") g, (select id from mailbox order by id offset "
                  + random.nextInt(20)
                  + " limit 1) d");
          nextAlias += n;
        }
        case 3 -> {
          String status = List.of("active", "suspended", "deleted").get(random.nextInt(3));
          sql.execute(
              "update mailbox set status = '"
                  + status
                  + "', team_id = "
                  + random.nextInt(TEAMS)
                  + " where id % 7 = "
                  + random.nextInt(7));
        }
        case 4 ->
            sql.execute(
                "update alias set deleted_at = case when deleted_at is null then now() end where"
                    + " id % 5 = "
                    + random.nextInt(5));
        case 5 -> {
          int n = 1 + random.nextInt(5);
          sql.execute(
              "insert into domain (id, public_id, team_id, name, status, inbound_enabled,"
                  + " created_at, updated_at) select g, 'dom_' || g, g % "
                  + TEAMS
                  + ", 'd' || g || '.test', (array['pending', 'verified', 'failed'])[1 + g % 3],"
                  + " true, now(), now() from generate_series("
                  + nextDomain
                  + ", "
                  + (nextDomain + n - 1)
                  + ") g");
          nextDomain += n;
        }
        case 6 ->
            sql.execute(
                "update domain set status = (array['pending', 'verified', 'failed'])["
                    + (1 + random.nextInt(3))
                    + "], team_id = "
                    + random.nextInt(TEAMS)
                    + ", deleted_at = case when deleted_at is null and id % 2 = 0 then now() end,"
                    + " dns_checked_at = now() where id > 1 and id % 4 = "
                    + random.nextInt(4));
        default -> {
          sql.execute("delete from alias where id % 11 = " + random.nextInt(11));
          sql.execute(
              "delete from mailbox m where id % 13 = "
                  + random.nextInt(13)
                  + " and not exists (select 1 from alias a where a.destination_mailbox_id ="
                  + " m.id)");
        }
      }
    }

    assertThat(sql.count("select count(*) from mailbox")).isGreaterThan(100);
    assertThat(sql.count("select count(*) from alias")).isGreaterThan(20);
    assertThat(usage())
        .as("team_usage after 300 random statements equals a recount of mailbox and alias")
        .isEqualTo(recount());
  }

  private static String insertMailboxes(long from, int n, Random random, String conflict) {
    return "insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address,"
        + " password_hash, quota_bytes, status, webhook_enabled, created_at, updated_at) select g,"
        + " 'mbx_' || g, (g + "
        + random.nextInt(TEAMS)
        + ") % "
        + TEAMS
        + ", 1, 'm' || g, 'm' || g || '@example.test', '{SHA512-CRYPT}x', 1024, case when g % "
        + (2 + random.nextInt(4))
        + " = 0 then 'deleted' else 'active' end, false, now(), now() from generate_series("
        + from
        + ", "
        + (from + n - 1)
        + ") g"
        + conflict;
  }

  private static List<Map<String, Object>> usage() {
    return sql.rows(
        "select team_id, domains, pending_domains, mailboxes, aliases from team_usage where"
            + " domains <> 0 or pending_domains <> 0 or mailboxes <> 0 or aliases <> 0 order by"
            + " team_id");
  }

  private static List<Map<String, Object>> recount() {
    return sql.rows(
        "select team_id, sum(d)::bigint as domains, sum(p)::bigint as pending_domains,"
            + " sum(m)::bigint as mailboxes, sum(a)::bigint as aliases from (select team_id, 1 as"
            + " d, case when status <> 'verified' then 1 else 0 end as p, 0 as m, 0 as a from"
            + " domain where deleted_at is null union all select team_id, 0, 0, 1, 0 from mailbox"
            + " where status <> 'deleted' union all select team_id, 0, 0, 0, 1 from alias where"
            + " deleted_at is null) held group by team_id order by team_id");
  }
}
