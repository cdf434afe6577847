package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Claims;
import dev.poststack.api.support.PipelineConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A name another team holds only pending never blocks the one who proves it (its own token plus the
 * MX): the claim fails instead. The 409 {@code domain_name_taken} is for a name verified elsewhere
 * or already the caller's own.
 */
class PendingDomainNameIT extends ApiIT {

  private static String bigcorp() {
    return PipelineConfig.MX_OK_PREFIX
        + "-bigcorp-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ".example";
  }

  @Test
  void theOwnerWhoPublishesItsTokenGetsANameAnotherTeamHoldsPendingAndTheClaimFails()
      throws Exception {
    String name = bigcorp();
    var squatterTeam = newTeam();
    Api squatter = new Api(http, squatterTeam.apiKey());
    Api owner = new Api(http, newTeam().apiKey());
    // the squatter registers first, but cannot publish in the owner's zone
    Claims.Claim claim = Claims.create(squatter, name);

    // before, this answered 409 domain_name_taken and told the owner someone holds the name
    Claims.Claim owned = Claims.published(owner, name);
    assertThat(owned.token()).isNotEqualTo(claim.token());
    owner
        .post("/domains/" + owned.id() + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("verified");

    // the claim lost: failed, with a line on the squatter's own log that names nobody
    squatter
        .get("/domains/" + claim.id())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("failed");
    try (Connection c = DB.connect();
        PreparedStatement q =
            c.prepareStatement(
                "select actor_kind, actor_id, outcome, details::text from audit_event"
                    + " where team_id = ? and domain_id = ? and event_type = 'DomainUpdated'")) {
      q.setLong(1, squatterTeam.teamId());
      q.setLong(2, claim.id());
      try (ResultSet row = q.executeQuery()) {
        assertThat(row.next()).as("an audit row on the squatter's log").isTrue();
        assertThat(row.getString(1)).isEqualTo("system");
        assertThat(row.getString(2)).isEqualTo("domain-ownership");
        assertThat(row.getString(3)).isEqualTo("applied");
        assertThat(row.getString(4)).contains("failed").doesNotContain(owned.token());
      }
    }

    // its own verify finds the MX but not its token: still failed, and says what is missing
    squatter
        .post("/domains/" + claim.id() + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("failed")
        .jsonPath("$.missing.length()")
        .isEqualTo(1)
        .jsonPath("$.missing[0].purpose")
        .isEqualTo("verification");
    // nobody else can register it now
    expectProblem(
        new Api(http, newTeam().apiKey()).post("/domains", Map.of("name", name)),
        409,
        "domain_name_taken");
  }

  @Test
  void aTeamRegisteringANameItAlreadyHoldsPendingGets409() {
    String name = bigcorp();
    Api team = new Api(http, newTeam().apiKey());
    team.post("/domains", Map.of("name", name)).expectStatus().isCreated();
    expectProblem(team.post("/domains", Map.of("name", name)), 409, "domain_name_taken");
  }
}
