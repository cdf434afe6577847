package dev.poststack.api.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.WebhookReceiver;
import dev.poststack.api.support.WebhooksIT;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The queue's claim and record on the real database with the context's own dispatcher stopped, so
 * the test is the only sender; and the usage_notice source with the dispatcher running.
 */
class SendLogIT extends WebhooksIT {
  @Autowired Dispatcher dispatcher;

  private PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(DB.jdbcUrl());
    ds.setUser(DB.user());
    ds.setPassword(DB.password());
    return ds;
  }

  @Test
  void anAttemptIsClaimedOnceAndAStreakOfFailuresDisablesTheWebhookWithItsReason()
      throws Exception {
    Api api = new Api(http, newTeam().apiKey());
    dispatcher.stop();
    try {
      long id =
          createWebhook(api, "https://hooks.example.com/x", List.of("webhook.test"))
              .get("webhook")
              .get("id")
              .longValue();
      api.post("/webhooks/" + id + "/test", null).expectStatus().isOk();
      SendLog log = new SendLog(dataSource(), Duration.ofMinutes(5), 3);
      SendLog other = new SendLog(dataSource(), Duration.ofMinutes(5), 3);
      var failure = new TargetClient.Result(500, "no", null);
      for (int attempt = 1; attempt <= 3; attempt++) {
        List<Claimed> mine = claimOf(log, id);
        assertThat(mine)
            .as(
                rows(
                        "select state, attempts, next_attempt_at, now() from webhook_delivery where"
                            + " webhook_id = ?",
                        id)
                    .toString())
            .hasSize(1);
        assertThat(mine.get(0).attempt()).isEqualTo(attempt);
        // held under its lease: no other sender (of any instance) gets this attempt
        assertThat(claimOf(other, id)).isEmpty();
        log.record(mine.get(0), failure, Instant.now(), 5, Optional.of(Instant.now()));
        // a late result for an attempt already recorded changes nothing
        log.record(
            mine.get(0),
            new TargetClient.Result(200, "ok", null),
            Instant.now(),
            5,
            Optional.empty());
      }
      JsonNode webhook =
          json(api.get("/webhooks/" + id).expectBody().returnResult().getResponseBody())
              .get("webhook");
      assertThat(webhook.get("active").booleanValue()).isFalse();
      assertThat(webhook.get("consecutiveFailures").intValue()).isEqualTo(3);
      assertThat(webhook.get("disabledAt").isNull()).isFalse();
      assertThat(webhook.get("disabledReason").stringValue())
          .startsWith("disabled after 3 consecutive failed delivery attempts (last: HTTP 500)");
      // a disabled webhook's deliveries wait; re-enabling resumes them
      assertThat(claimOf(log, id)).isEmpty();
      api.patch("/webhooks/" + id, Map.of("enabled", true)).expectStatus().isOk();
      assertThat(claimOf(log, id)).hasSize(1);
      assertThat(
              rows(
                      "select count(*) from webhook_attempt a join webhook_delivery d on d.id ="
                          + " a.delivery_id where d.webhook_id = ?",
                      id)
                  .get(0)
                  .get(0))
          .isEqualTo(3L);
    } finally {
      dispatcher.start();
    }
  }

  private static List<Claimed> claimOf(SendLog log, long webhookId) throws Exception {
    // other tests' deliveries may be due too: keep ours, give nothing else a new attempt
    List<Claimed> all = log.claim(1000, Map.of(), 1000);
    for (Claimed c : all) {
      if (c.webhookId() != webhookId) {
        update(
            "update webhook_delivery set attempts = attempts - 1, next_attempt_at = now() where id"
                + " = ?",
            c.id());
      }
    }
    return all.stream().filter(c -> c.webhookId() == webhookId).toList();
  }

  @Test
  void aUsageNoticeBecomesAQuotaWarning() throws Exception {
    update(
        "create table if not exists usage_notice (id bigserial primary key, team_id bigint,"
            + " mailbox_id bigint, threshold int, used_bytes bigint, quota_bytes bigint,"
            + " created_at timestamptz)");
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, team.apiKey());
    JsonNode mailbox =
        json(api.post("/mailboxes", Fixtures.mailbox(team.domainId(), "full"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody())
            .get("mailbox");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      createWebhook(api, receiver.url(), List.of("mailbox.quota_warning"));
      long mailboxId = mailbox.get("id").longValue();
      // a notice whose transaction commits after a later one's has a lower id: it still goes out
      try (Connection late = DB.connect()) {
        late.setAutoCommit(false);
        try (PreparedStatement ps =
            late.prepareStatement(
                "insert into usage_notice (team_id, mailbox_id, threshold, used_bytes,"
                    + " quota_bytes, created_at) values (?, ?, 100, 1000, 1000, now())")) {
          ps.setLong(1, team.teamId());
          ps.setLong(2, mailboxId);
          ps.executeUpdate();
        }
        update(
            "insert into usage_notice (team_id, mailbox_id, threshold, used_bytes, quota_bytes,"
                + " created_at) values (?, ?, 80, 800, 1000, now())",
            team.teamId(),
            mailboxId);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        late.commit();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
      assertThat(json(receiver.received().get(1).body()).get("data").get("threshold").intValue())
          .isEqualTo(100);
      // a hand-off: what was queued is gone from the provisioner's table
      try (Connection c = DB.connect();
          PreparedStatement ps =
              c.prepareStatement("select count(*) from usage_notice where mailbox_id = ?")) {
        ps.setLong(1, mailboxId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isZero();
        }
      }
      JsonNode body = json(receiver.received().get(0).body());
      assertThat(body.get("event").stringValue()).isEqualTo("mailbox.quota_warning");
      assertThat(body.get("data").get("publicId").stringValue())
          .isEqualTo(mailbox.get("publicId").stringValue());
      assertThat(body.get("data").get("threshold").intValue()).isEqualTo(80);
      assertThat(body.get("data").get("usedBytes").longValue()).isEqualTo(800);
      assertThat(body.get("data").get("quotaBytes").longValue()).isEqualTo(1000);
    }
  }

  @Autowired List<dev.poststack.api.platform.Purge> purges;

  @Test
  void theHousekeepingRemovesOldFinishedDeliveriesAndKeepsPendingOnes() {
    Api api = new Api(http, newTeam().apiKey());
    dispatcher.stop();
    try {
      long id =
          createWebhook(api, "https://hooks.example.com/p", List.of("webhook.test"))
              .get("webhook")
              .get("id")
              .longValue();
      for (String state : List.of("delivered", "failed", "pending")) {
        update(
            "insert into webhook_delivery (webhook_id, team_id, event_type, source_key, data,"
                + " state, next_attempt_at, retry_until, created_at) select id, team_id,"
                + " 'webhook.test', ?, '{}', ?, now() + interval '1 day', now(), now() -"
                + " interval '31 days' from webhook where id = ?",
            "old:" + state,
            state,
            id);
      }
      var purge =
          purges.stream()
              .filter(p -> p.name().equals("webhook delivery"))
              .findFirst()
              .orElseThrow();
      assertThat(purge.purge().block()).isGreaterThanOrEqualTo(2L);
      assertThat(rows("select state from webhook_delivery where webhook_id = ?", id))
          .containsExactly(List.of("pending"));
    } finally {
      dispatcher.start();
    }
  }
}
