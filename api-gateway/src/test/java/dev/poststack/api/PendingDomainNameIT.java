package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.PipelineConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A name another team holds only pending never blocks the one who proves it: the 409 {@code
 * domain_name_taken} is for a name verified elsewhere or already the caller's own.
 */
class PendingDomainNameIT extends ApiIT {

  private static String bigcorp() {
    return PipelineConfig.MX_OK_PREFIX
        + "-bigcorp-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ".example";
  }

  @Test
  void theVerifiedOwnerRegistersAndVerifiesANameAnotherTeamHoldsPending() {
    String name = bigcorp();
    Api squatter = new Api(http, newTeam().apiKey());
    Api owner = new Api(http, newTeam().apiKey());
    long claim = DomainLifecycleIT.domainId(squatter.post("/domains", Map.of("name", name)));

    // before, this answered 409 domain_name_taken and told the owner someone holds the name
    long owned = DomainLifecycleIT.domainId(owner.post("/domains", Map.of("name", name)));
    owner
        .post("/domains/" + owned + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("verified");

    // now the name is the owner's: the squatter cannot verify it, nobody can register it
    expectProblem(squatter.post("/domains/" + claim + "/verify", null), 409, "domain_name_taken");
    expectProblem(
        new Api(http, newTeam().apiKey()).post("/domains", Map.of("name", name)),
        409,
        "domain_name_taken");
    squatter
        .get("/domains/" + claim)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("pending");
  }

  @Test
  void aTeamRegisteringANameItAlreadyHoldsPendingGets409() {
    String name = bigcorp();
    Api team = new Api(http, newTeam().apiKey());
    team.post("/domains", Map.of("name", name)).expectStatus().isCreated();
    expectProblem(team.post("/domains", Map.of("name", name)), 409, "domain_name_taken");
  }
}
