package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.Seed;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole pipeline: API → Kafka → the real provisioner → PostgreSQL → outcome → answer. */
class MailboxLifecycleIT extends ApiIT {
  private static final String MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @Test
  void createsAMailboxAndAnswers201WithTheDocumentedShape() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Map<String, Object> body = Fixtures.mailbox(t.domainId(), "Support");
    body.put("displayName", "Support Team");
    body.put("webhookEnabled", true);
    new Api(http, t.apiKey())
        .post("/mailboxes", body)
        .expectStatus()
        .isCreated()
        .expectHeader()
        .contentType("application/json")
        .expectBody()
        .jsonPath("$.mailbox.id")
        .isNumber()
        .jsonPath("$.mailbox.publicId")
        .value(v -> assertThat(v.toString()).matches("mb_[A-Za-z0-9]{24}"))
        .jsonPath("$.mailbox.teamId")
        .isEqualTo(t.teamId())
        .jsonPath("$.mailbox.domainId")
        .isEqualTo(t.domainId())
        .jsonPath("$.mailbox.emailAddress")
        .isEqualTo("support@" + t.domainName())
        .jsonPath("$.mailbox.displayName")
        .isEqualTo("Support Team")
        .jsonPath("$.mailbox.quotaBytes")
        .isEqualTo(1073741824)
        .jsonPath("$.mailbox.status")
        .isEqualTo("active")
        .jsonPath("$.mailbox.webhookEnabled")
        .isEqualTo(true)
        .jsonPath("$.mailbox.lastLoginAt")
        .isEmpty()
        .jsonPath("$.mailbox.createdAt")
        .value(v -> assertThat(v.toString()).matches(MILLIS))
        .jsonPath("$.mailbox.updatedAt")
        .value(v -> assertThat(v.toString()).matches(MILLIS))
        .jsonPath("$.mailbox.domain.id")
        .isEqualTo(t.domainId())
        .jsonPath("$.mailbox.domain.name")
        .isEqualTo(t.domainName())
        .jsonPath("$.mailbox.password")
        .doesNotExist();
  }

  @Test
  void readsAMailboxByNumericIdAndByPublicId() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    var created = created(api, Fixtures.mailbox(t.domainId(), "reader"));
    api.get("/mailboxes/" + created.get("id"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.publicId")
        .isEqualTo(created.get("publicId"));
    api.get("/mailboxes/" + created.get("publicId"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.id")
        .isEqualTo(created.get("id"));
  }

  @Test
  void updatesDisplayNameQuotaStatusAndWebhookFlag() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Object id = created(api, Fixtures.mailbox(t.domainId(), "patchme")).get("publicId");
    api.patch(
            "/mailboxes/" + id,
            Map.of(
                "displayName",
                "Customer Support",
                "status",
                "suspended",
                "quotaBytes",
                2147483648L,
                "webhookEnabled",
                true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.displayName")
        .isEqualTo("Customer Support")
        .jsonPath("$.mailbox.status")
        .isEqualTo("suspended")
        .jsonPath("$.mailbox.quotaBytes")
        .isEqualTo(2147483648L)
        .jsonPath("$.mailbox.webhookEnabled")
        .isEqualTo(true);
    var nullName = new java.util.HashMap<String, Object>();
    nullName.put("displayName", null);
    api.patch("/mailboxes/" + id, nullName)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.displayName")
        .isEmpty()
        .jsonPath("$.mailbox.status")
        .isEqualTo("suspended");
  }

  @Test
  void theAuditKeepsTheServersRequestIdAndTheClientsOwnApart() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey()).withClientRequestId("client trace/42");
    var result =
        api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "traced"))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult();
    String serverId = result.getResponseHeaders().getFirst("X-Request-Id");
    assertThat(serverId).startsWith("req_");
    assertThat(result.getResponseHeaders().getFirst("X-Client-Request-Id"))
        .isEqualTo("client trace/42");
    Object id = ((Map<?, ?>) result.getResponseBody().get("mailbox")).get("id");
    try (var c = DB.connect();
        var s =
            c.prepareStatement(
                "select request_id, client_request_id from audit_event where mailbox_id = ?")) {
      s.setLong(1, ((Number) id).longValue());
      var rs = s.executeQuery();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("request_id")).isEqualTo(serverId);
      assertThat(rs.getString("client_request_id")).isEqualTo("client trace/42");
    }
  }

  @Test
  void changesThePasswordAndStoresOnlyAHash() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Object id = created(api, Fixtures.mailbox(t.domainId(), "rotate")).get("id");
    api.post("/mailboxes/" + id + "/password", Map.of("password", "new-secure-password-456"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    try (var c = DB.connect();
        var s = c.prepareStatement("select password_hash from mailbox where id = ?")) {
      s.setLong(1, ((Number) id).longValue());
      var rs = s.executeQuery();
      rs.next();
      assertThat(rs.getString(1))
          .startsWith("{SHA512-CRYPT}$6$")
          .doesNotContain("new-secure-password-456");
    }
  }

  @Test
  void softDeleteHidesTheMailboxShowsItDeletedAndFreesItsAddressAtOnce() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Object id = created(api, Fixtures.mailbox(t.domainId(), "gone")).get("id");
    api.delete("/mailboxes/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    api.get("/mailboxes/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.status")
        .isEqualTo("deleted");
    api.get("/mailboxes").expectStatus().isOk().expectBody().jsonPath("$.meta.total").isEqualTo(0);
    Object again = created(api, Fixtures.mailbox(t.domainId(), "gone")).get("id");
    assertThat(again).isNotEqualTo(id);
    expectProblem(
        api.patch("/mailboxes/" + id, Map.of("displayName", "x")), 409, "mailbox_deleted");
    api.delete("/mailboxes/" + id).expectStatus().isOk();
  }

  @Test
  void refusesATakenAddressWith409AndAnUnusableDomainWith422() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    created(api, Fixtures.mailbox(t.domainId(), "taken"));
    expectProblem(
        api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "TAKEN")), 409, "address_taken");
    long pending =
        new Seed(DB)
            .domain(t.teamId(), "pending-" + System.nanoTime() + ".example", "pending", false);
    expectProblem(
        api.post("/mailboxes", Fixtures.mailbox(pending, "x")), 422, "domain_not_verified");
    long noInbound =
        new Seed(DB)
            .domain(t.teamId(), "closed-" + System.nanoTime() + ".example", "verified", false);
    expectProblem(
        api.post("/mailboxes", Fixtures.mailbox(noInbound, "x")), 422, "domain_inbound_disabled");
    expectProblem(
        api.post("/mailboxes", Fixtures.mailbox(999_999_999L, "x")), 404, "domain_not_found");
    expectProblem(api.get("/mailboxes/999999999"), 404, "mailbox_not_found");
    expectProblem(api.get("/mailboxes/mb_doesnotexist000000000000"), 404, "mailbox_not_found");
  }

  @Test
  void pagesInIdOrderWithTotalsAndEmptyPagesBeyondTheEnd() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    api.get("/mailboxes")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.length()")
        .isEqualTo(0)
        .jsonPath("$.meta.page")
        .isEqualTo(1)
        .jsonPath("$.meta.perPage")
        .isEqualTo(50)
        .jsonPath("$.meta.total")
        .isEqualTo(0)
        .jsonPath("$.meta.totalPages")
        .isEqualTo(0);
    for (String lp : new String[] {"p1", "p2", "p3"}) {
      created(api, Fixtures.mailbox(t.domainId(), lp));
    }
    api.get("/mailboxes?page=1&per_page=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.length()")
        .isEqualTo(2)
        .jsonPath("$.data[0].emailAddress")
        .isEqualTo("p1@" + t.domainName())
        .jsonPath("$.meta.total")
        .isEqualTo(3)
        .jsonPath("$.meta.totalPages")
        .isEqualTo(2);
    api.get("/mailboxes?page=2&per_page=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.length()")
        .isEqualTo(1)
        .jsonPath("$.data[0].emailAddress")
        .isEqualTo("p3@" + t.domainName())
        .jsonPath("$.meta.page")
        .isEqualTo(2);
    api.get("/mailboxes?page=3&per_page=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.length()")
        .isEqualTo(0)
        .jsonPath("$.meta.total")
        .isEqualTo(3);
    api.get("/mailboxes?domain_id=" + t.domainId() + "&per_page=100")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(3);
    api.get("/mailboxes?domain_id=999999999")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> created(Api api, Map<String, Object> body) {
    Map<String, Object> answer =
        api.post("/mailboxes", body)
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (Map<String, Object>) answer.get("mailbox");
  }
}
