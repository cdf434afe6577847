package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With short settings: unverified domains expire through a {@code DomainExpired} event of the
 * system, audited, and free their name; and a default limit from the settings holds. Its context
 * (broker, provisioner, pools) is closed after the class: no other class shares these settings, and
 * the PostgreSQL server's connections are shared with every context still cached.
 */
@DirtiesContext
@TestPropertySource(
    properties = {
      "poststack.pending-domain-expiry=5s",
      "poststack.housekeeping-interval=1s",
      "poststack.limits.api-keys=2"
    })
class PendingDomainExpiryIT extends ApiIT {

  @Test
  void anUnverifiedDomainExpiresThroughAnAuditedSystemEventAndFreesItsName() throws Exception {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    String name = "expiring-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    long pending = DomainLifecycleIT.domainId(api.post("/domains", Map.of("name", name)));
    // a verified domain older than the expiry stays
    Seed seed = new Seed(DB);
    long verified = seed.verifiedDomain(team.teamId());
    update("update domain set created_at = now() - interval '1 day' where id = ?", verified);
    // while the team holds the name, registering it again is a conflict
    expectProblem(api.post("/domains", Map.of("name", name)), 409, "domain_name_taken");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(expiryAudit(pending))
                    .isEqualTo("DomainExpired applied system pending-domain-expiry"));

    expectProblem(api.get("/domains/" + pending), 404, "domain_not_found");
    api.get("/domains/" + verified).expectStatus().isOk();
    api.post("/domains", Map.of("name", name)).expectStatus().isCreated();
  }

  @Test
  void theDefaultLimitFromTheSettingsIsRefusedAtItsValue() {
    Api api = new Api(http, newTeam().apiKey()); // holds its first key
    Map<String, Object> key = Map.of("name", "ci", "permission", "sending_access");
    api.post("/api-keys", key).expectStatus().isCreated();
    expectProblem(api.post("/api-keys", key), 422, "limit_reached")
        .jsonPath("$.error")
        .isEqualTo("team limit reached: api-keys (at most 2 active API keys)");
  }

  private static String expiryAudit(long domainId) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select event_type, outcome, actor_kind, actor_id from audit_event"
                    + " where domain_id = ? and event_type = 'DomainExpired'")) {
      s.setLong(1, domainId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? rs.getString(1)
                + " "
                + rs.getString(2)
                + " "
                + rs.getString(3)
                + " "
                + rs.getString(4)
            : null;
      }
    }
  }

  private static void update(String sql, long id) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }
}
