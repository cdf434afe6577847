package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Team B sees nothing of team A: every A id answers B with 404, exactly as an absent id would. */
class TenantIsolationIT extends ApiIT {

  @Test
  void anotherTeamGets404ForEveryIdOfTeamAOnEveryEndpointAndEmptyLists() {
    var a = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api teamA = new Api(http, a.apiKey());
    var mailbox = MailboxLifecycleIT.created(teamA, Fixtures.mailbox(a.domainId(), "private"));
    long alias =
        AliasLifecycleIT.aliasId(
            teamA.post(
                "/mailboxes/aliases", Fixtures.alias(a.domainId(), "hidden", mailbox.get("id"))));
    long key =
        AuthenticationIT.extractId(
            new String(
                teamA
                    .post("/api-keys", Map.of("name", "a-key", "permission", "sending_access"))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody()));
    String domainPublicId = new dev.poststack.api.support.Seed(DB).publicId("domain", a.domainId());

    Api teamB = new Api(http, newTeam().apiKey());
    for (Object id : new Object[] {mailbox.get("id"), mailbox.get("publicId")}) {
      expectProblem(teamB.get("/mailboxes/" + id), 404, "mailbox_not_found");
      expectProblem(
          teamB.patch("/mailboxes/" + id, Map.of("displayName", "mine now")),
          404,
          "mailbox_not_found");
      expectProblem(
          teamB.post("/mailboxes/" + id + "/password", Map.of("password", "hijacked-password")),
          404,
          "mailbox_not_found");
      expectProblem(teamB.delete("/mailboxes/" + id), 404, "mailbox_not_found");
    }
    expectProblem(teamB.delete("/mailboxes/aliases/" + alias), 404, "alias_not_found");
    for (Object id : new Object[] {a.domainId(), domainPublicId}) {
      expectProblem(teamB.get("/domains/" + id), 404, "domain_not_found");
      expectProblem(
          teamB.patch("/domains/" + id, Map.of("inbound_enabled", false)), 404, "domain_not_found");
      expectProblem(teamB.post("/domains/" + id + "/verify", null), 404, "domain_not_found");
      expectProblem(teamB.delete("/domains/" + id), 404, "domain_not_found");
      expectProblem(
          teamB.post("/mailboxes", Fixtures.mailbox(a.domainId(), "squatter")),
          404,
          "domain_not_found");
    }
    expectProblem(teamB.get("/api-keys/" + key), 404, "api_key_not_found");
    expectProblem(teamB.post("/api-keys/" + key + "/rotate", null), 404, "api_key_not_found");
    expectProblem(teamB.delete("/api-keys/" + key), 404, "api_key_not_found");

    var teamBDomain = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api teamB2 = new Api(http, teamBDomain.apiKey());
    expectProblem(
        teamB2.post(
            "/mailboxes/aliases",
            Fixtures.alias(teamBDomain.domainId(), "steal", mailbox.get("id"))),
        404,
        "destination_not_found");
    expectProblem(
        teamB2.post("/mailboxes/aliases", Fixtures.alias(a.domainId(), "steal", mailbox.get("id"))),
        404,
        "domain_not_found");

    teamB
        .get("/mailboxes")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(0);
    teamB
        .get("/mailboxes?domain_id=" + a.domainId())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(0);
    teamB
        .get("/mailboxes/aliases")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(0);
    teamB
        .get("/domains")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains.length()")
        .isEqualTo(0);
    teamB
        .get("/api-keys")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys.length()")
        .isEqualTo(1);

    teamA
        .get("/mailboxes/" + mailbox.get("id"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.displayName")
        .isEmpty();
  }
}
