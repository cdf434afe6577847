package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasLifecycleIT extends ApiIT {

  @Test
  void createsAnAliasToAMailboxByPublicIdAndAnswersTheNumericDestination() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    var mailbox = MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "support"));
    api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "help", mailbox.get("publicId")))
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.alias.id")
        .isNumber()
        .jsonPath("$.alias.publicId")
        .value(v -> assertThat(v.toString()).startsWith("ali_"))
        .jsonPath("$.alias.teamId")
        .isEqualTo(t.teamId())
        .jsonPath("$.alias.domainId")
        .isEqualTo(t.domainId())
        .jsonPath("$.alias.aliasAddress")
        .isEqualTo("help@" + t.domainName())
        .jsonPath("$.alias.destinationMailboxId")
        .isEqualTo(mailbox.get("id"))
        .jsonPath("$.alias.createdAt")
        .isNotEmpty();
  }

  @Test
  void listsPagesAndDeletesAliases() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Object dest = MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "dest")).get("id");
    long first = aliasId(api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "a1", dest)));
    api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "a2", dest))
        .expectStatus()
        .isCreated();
    api.get("/mailboxes/aliases?per_page=1")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.length()")
        .isEqualTo(1)
        .jsonPath("$.data[0].id")
        .isEqualTo(first)
        .jsonPath("$.meta.total")
        .isEqualTo(2)
        .jsonPath("$.meta.totalPages")
        .isEqualTo(2);
    api.delete("/mailboxes/aliases/" + first)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    api.get("/mailboxes/aliases")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(1);
    expectProblem(api.delete("/mailboxes/aliases/" + first), 404, "alias_not_found");
  }

  @Test
  void refusesAnAliasOnATakenAddressOrToAMissingMailbox() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Object dest =
        MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "owner")).get("id");
    expectProblem(
        api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "owner", dest)),
        409,
        "address_taken");
    expectProblem(
        api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "x", 999_999_999L)),
        404,
        "destination_not_found");
    expectProblem(
        api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "owner")), 409, "address_taken");
  }

  static long aliasId(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
    Map<?, ?> body =
        response.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    return ((Number) ((Map<?, ?>) body.get("alias")).get("id")).longValue();
  }
}
