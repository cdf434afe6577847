package dev.poststack.api.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The statement {@code GET /mailboxes} runs, explained by PostgreSQL on a team of 100k mailboxes
 * (beside a smaller team): every order is read from an index, in either direction, without sorting
 * the team's rows. A plan, not a timing: it does not depend on how busy the machine is.
 */
class MailboxListPlanIT {
  private static final long TEAM = 1;
  private static TestDatabase db;

  @BeforeAll
  static void aTeamOfAHundredThousandMailboxes() throws Exception {
    db = TestDatabase.create();
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into domain (id, public_id, team_id, name, status, inbound_enabled, created_at,"
              + " updated_at) values (1, 'dom_1', 1, 'big.example', 'verified', true, now(),"
              + " now()), (2, 'dom_2', 2, 'small.example', 'verified', true, now(), now())");
      // team_usage's per-row counting would make this bulk load a minute long; no test reads it
      s.execute("alter table mailbox disable trigger mailbox_team_usage");
      // a fifth never reported, like new mailboxes; the rest spread over time and size
      s.execute(
          "insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address,"
              + " password_hash, quota_bytes, status, webhook_enabled, created_at, updated_at,"
              + " last_login_at, used_bytes, message_count, usage_reported_at) select i, 'mb_' ||"
              + " i, case when i <= 100000 then 1 else 2 end, case when i <= 100000 then 1 else 2"
              + " end, 'u' || i, 'u' || i || '@x.example', '{SHA512-CRYPT}$6$s$h', 1073741824, case"
              + " when i % 50 = 0 then 'deleted' else 'active' end, false, timestamptz"
              + " '2026-01-01Z' + i * interval '1 minute', now(), case when i % 5 = 0 then null"
              + " else timestamptz '2026-02-01Z' + (i * 7919 % 100000) * interval '1 second' end,"
              + " case when i % 5 = 0 then null else (i * 104729) % 1073741824 end, case when i % 5"
              + " = 0 then null else i % 1000 end, case when i % 5 = 0 then null else now() end"
              + " from generate_series(1::bigint, 120000) i");
      s.execute("analyze mailbox");
      s.execute("analyze domain");
    }
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void everySortOrderOfTheListIsAnIndexScanInEitherDirection() throws Exception {
    for (String sort : List.of("usedBytes", "lastLoginAt", "createdAt", "id")) {
      for (String direction : List.of("", "-")) {
        List<String> plan = explain("?sort=" + direction + sort, null, 20);
        assertThat(plan)
            .as("plan of sort=%s%s:\n%s", direction, sort, String.join("\n", plan))
            .anyMatch(
                line -> line.contains("Index Scan" + (direction.isEmpty() ? " " : " Backward")))
            .noneMatch(line -> line.trim().startsWith("->  Sort") || line.startsWith("Sort"))
            .noneMatch(line -> line.contains("Seq Scan on mailbox"));
      }
    }
  }

  @Test
  void aDeepPageAndADomainFilterStillReadTheIndex() throws Exception {
    List<String> plan = explain("?sort=-usedBytes", 1L, 1000);
    assertThat(plan)
        .as(String.join("\n", plan))
        .anyMatch(line -> line.contains("Index Scan Backward using mailbox_team_used_bytes"))
        .noneMatch(line -> line.trim().startsWith("->  Sort"));
  }

  @Test
  void aSearchByTheStartOfTheAddressReadsThePatternIndex() throws Exception {
    // a prefix as a person types it: a few matches among 100k (a prefix matching thousands may be
    // served as well by reading the order's index until a page is full; the planner's choice)
    List<String> plan = explain("?q=u12345&status=active", null, 1);
    assertThat(plan)
        .as(String.join("\n", plan))
        .anyMatch(line -> line.contains("mailbox_team_address"))
        .noneMatch(line -> line.contains("Seq Scan on mailbox"));
  }

  private static List<String> explain(String query, Long domainId, int page) throws Exception {
    MailboxListQuery q =
        MailboxListQuery.from(
            new LinkedMultiValueMap<>(
                org.springframework.web.util.UriComponentsBuilder.fromUriString(query)
                    .build()
                    .getQueryParams()));
    String sql =
        MailboxQueries.listSql(domainId, null, q)
            .replace(":team", Long.toString(TEAM))
            .replace(":limit", "50")
            .replace(":offset", Integer.toString((page - 1) * 50));
    for (var bind : q.filterBinds().entrySet()) {
      Object v = bind.getValue();
      sql = sql.replace(":" + bind.getKey(), v instanceof String t ? "'" + t + "'" : v.toString());
    }
    List<String> plan = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("explain " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
    }
    return plan;
  }
}
