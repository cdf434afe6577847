package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code propagation} on a single mailbox: hosts that report, and how many of them hold the
 * mailbox's latest change. The host's report is written into {@code mail_host} here, as the
 * provisioner's status listener would; system-tests checks it against a real mail host.
 */
class MailboxPropagationIT extends ApiIT {
  private static final String HOST = "api-it-host";

  @AfterEach
  void removeHost() throws SQLException {
    sql("delete from mail_host where host_id = ?", HOST);
  }

  @Test
  void showsOnHowManyReportingHostsTheMailboxsLatestChangeIsApplied() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Map<String, Object> mailbox =
        MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "spread"));
    String path = "/mailboxes/" + mailbox.get("publicId");
    api.get(path)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.hosts")
        .isEqualTo(0)
        .jsonPath("$.mailbox.propagation.applied")
        .isEqualTo(0);

    String key = "mailbox:" + mailbox.get("emailAddress");
    long[] at = await().atMost(Duration.ofSeconds(20)).until(() -> position(key), p -> p != null);
    sql(
        "insert into mail_host (host_id, content_hash, entry_count, applied_at, last_report_at)"
            + " values (?, '0', 0, now(), now())",
        HOST);
    sql(
        "insert into mail_host_position (host_id, kafka_partition, next_offset) values (?, ?, ?)",
        HOST,
        (int) at[0],
        at[1]);
    api.get(path)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.hosts")
        .isEqualTo(1)
        .jsonPath("$.mailbox.propagation.applied")
        .isEqualTo(0);

    sql("update mail_host_position set next_offset = ? where host_id = ?", at[1] + 1, HOST);
    api.get(path)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.hosts")
        .isEqualTo(1)
        .jsonPath("$.mailbox.propagation.applied")
        .isEqualTo(1);
    api.patch(path, Map.of("quotaBytes", 2147483648L))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.hosts")
        .isEqualTo(1)
        .jsonPath("$.mailbox.propagation.applied")
        .isEqualTo(0);
    api.get("/mailboxes")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data[0].emailAddress")
        .isEqualTo(mailbox.get("emailAddress"))
        .jsonPath("$.data[0].propagation")
        .doesNotExist();
  }

  @Test
  void aDeletedMailboxShowsItsOwnRemovalEvenOnceAnotherTeamHoldsItsAddress() throws Exception {
    var first = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api firstApi = new Api(http, first.apiKey());
    Map<String, Object> old =
        MailboxLifecycleIT.created(firstApi, Fixtures.mailbox(first.domainId(), "reused"));
    long oldId = ((Number) old.get("id")).longValue();
    long[] created = awaitOwnPosition(oldId, -1);
    firstApi.delete("/mailboxes/" + old.get("publicId")).expectStatus().isOk();
    long[] removed = awaitOwnPosition(oldId, created[1]);
    firstApi.delete("/domains/" + first.domainId()).expectStatus().isOk();

    // another team registers the name again and takes the address
    TeamAdmin.TeamKey second = teams.createTeam("team-" + UUID.randomUUID());
    long domain =
        Fixtures.verifiedDomain(second.teamId(), first.domainName(), broker.getBrokersAsString());
    Api secondApi = new Api(http, second.apiKey());
    Map<String, Object> next =
        MailboxLifecycleIT.created(secondApi, Fixtures.mailbox(domain, "reused"));
    assertThat(next.get("emailAddress")).isEqualTo(old.get("emailAddress"));
    long[] nextAt = awaitOwnPosition(((Number) next.get("id")).longValue(), -1);
    assertThat(nextAt[0]).isEqualTo(removed[0]);
    assertThat(nextAt[1]).isGreaterThan(removed[1]);

    // the host has removed the old mailbox, not yet received the new one
    sql(
        "insert into mail_host (host_id, content_hash, entry_count, applied_at, last_report_at)"
            + " values (?, '0', 0, now(), now())",
        HOST);
    sql(
        "insert into mail_host_position (host_id, kafka_partition, next_offset) values (?, ?, ?)",
        HOST,
        (int) removed[0],
        removed[1] + 1);
    firstApi
        .get("/mailboxes/" + old.get("publicId"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.status")
        .isEqualTo("deleted")
        .jsonPath("$.mailbox.propagation.hosts")
        .isEqualTo(1)
        .jsonPath("$.mailbox.propagation.applied")
        .isEqualTo(1);
    secondApi
        .get("/mailboxes/" + next.get("publicId"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.hosts")
        .isEqualTo(1)
        .jsonPath("$.mailbox.propagation.applied")
        .isEqualTo(0);
  }

  /** (partition, offset) of the mailbox's own latest record once it is beyond {@code after}. */
  private static long[] awaitOwnPosition(long mailboxId, long after) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              try (Connection c = DB.connect();
                  PreparedStatement s =
                      c.prepareStatement(
                          "select kafka_partition, kafka_offset from host_entry_object_position"
                              + " where object_kind = 'mailbox' and object_id = ?")) {
                s.setLong(1, mailboxId);
                try (ResultSet rs = s.executeQuery()) {
                  return rs.next() ? new long[] {rs.getInt(1), rs.getLong(2)} : null;
                }
              }
            },
            p -> p != null && p[1] > after);
  }

  /** (partition, offset) of the key's latest published record, or null while none. */
  private static long[] position(String key) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select kafka_partition, kafka_offset from host_entry_position where entry_key"
                    + " = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new long[] {rs.getInt(1), rs.getLong(2)} : null;
      }
    }
  }

  private static void sql(String sql, Object... args) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
