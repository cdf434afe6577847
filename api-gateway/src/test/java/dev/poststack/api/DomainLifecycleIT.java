package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Claims;
import dev.poststack.api.support.PipelineConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DomainLifecycleIT extends ApiIT {

  private static String name(boolean mxOk) {
    return (mxOk ? PipelineConfig.MX_OK_PREFIX : "mx-bad")
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ".example";
  }

  @Test
  void aNewDomainIsPendingWithInboundOffAndListsItsMxRecord() {
    Api api = new Api(http, newTeam().apiKey());
    String name = name(true);
    api.post("/domains", Map.of("name", name))
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.domain.id")
        .isNumber()
        .jsonPath("$.domain.publicId")
        .value(v -> org.assertj.core.api.Assertions.assertThat(v.toString()).startsWith("dom_"))
        .jsonPath("$.domain.name")
        .isEqualTo(name)
        .jsonPath("$.domain.status")
        .isEqualTo("pending")
        .jsonPath("$.domain.inboundEnabled")
        .isEqualTo(false)
        .jsonPath("$.domain.catchAll")
        .isEqualTo(false)
        .jsonPath("$.domain.verifiedAt")
        .isEmpty()
        .jsonPath("$.domain.dnsRecords[0].type")
        .isEqualTo("MX")
        .jsonPath("$.domain.dnsRecords[0].name")
        .isEqualTo(name)
        .jsonPath("$.domain.dnsRecords[0].value")
        .isEqualTo("mail.poststack.local")
        .jsonPath("$.domain.dnsRecords[0].purpose")
        .isEqualTo("mx")
        .jsonPath("$.domain.dnsRecords[0].verified")
        .isEqualTo(false);
    api.get("/domains")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains.length()")
        .isEqualTo(1)
        .jsonPath("$.domains[0].name")
        .isEqualTo(name);
    expectProblem(api.post("/domains", Map.of("name", name)), 409, "domain_name_taken");
  }

  @Test
  void verifyingADomainWhoseMxPointsHereMakesItVerifiedThenPatchEnablesInbound() {
    Api api = new Api(http, newTeam().apiKey());
    long id = Claims.published(api, name(true)).id();
    api.post("/domains/" + id + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.queued")
        .isEqualTo(true)
        .jsonPath("$.missing.length()")
        .isEqualTo(0)
        .jsonPath("$.domain.status")
        .isEqualTo("verified")
        .jsonPath("$.domain.verifiedAt")
        .isNotEmpty()
        .jsonPath("$.domain.dnsRecords[0].verified")
        .isEqualTo(true);
    api.patch("/domains/" + id, Map.of("inbound_enabled", true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.inboundEnabled")
        .isEqualTo(true);
    api.get("/domains/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.inboundEnabled")
        .isEqualTo(true);
  }

  @Test
  void verifyingADomainWhoseMxPointsElsewhereMarksItFailed() {
    Api api = new Api(http, newTeam().apiKey());
    long id = Claims.published(api, name(false)).id();
    api.post("/domains/" + id + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.queued")
        .isEqualTo(true)
        .jsonPath("$.domain.status")
        .isEqualTo("failed")
        .jsonPath("$.missing[0].purpose")
        .isEqualTo("mx");
  }

  @Test
  void deletingADomainIsRefusedWhileMailboxesUseItAndThenSucceeds() {
    Api api = new Api(http, newTeam().apiKey());
    long id = Claims.published(api, name(true)).id();
    api.post("/domains/" + id + "/verify", null).expectStatus().isOk();
    api.patch("/domains/" + id, Map.of("inbound_enabled", true)).expectStatus().isOk();
    Object mailbox =
        MailboxLifecycleIT.created(api, dev.poststack.api.support.Fixtures.mailbox(id, "user"))
            .get("id");
    expectProblem(api.delete("/domains/" + id), 409, "domain_in_use");
    api.delete("/mailboxes/" + mailbox).expectStatus().isOk();
    api.delete("/domains/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    expectProblem(api.get("/domains/" + id), 404, "domain_not_found");
  }

  static long domainId(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
    Map<?, ?> body =
        response.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    return ((Number) ((Map<?, ?>) body.get("domain")).get("id")).longValue();
  }
}
