package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationIT extends ApiIT {

  @Test
  void refusesARequestWithoutAKeyWith401() {
    expectProblem(http.get().uri("/mailboxes").exchange(), 401, "unauthorized");
  }

  @Test
  void refusesAWellFormedKeyThatWasNeverIssued() {
    expectProblem(
        new Api(http, "sk_live_" + "A".repeat(40)).get("/mailboxes"), 401, "unauthorized");
  }

  @Test
  void refusesAnAuthorizationHeaderThatIsNotABearerKey() {
    expectProblem(
        http.get().uri("/mailboxes").header("Authorization", "Basic dXNlcjpwYXNz").exchange(),
        401,
        "unauthorized");
    expectProblem(
        http.get().uri("/mailboxes").header("Authorization", "Bearer not-a-key").exchange(),
        401,
        "unauthorized");
  }

  @Test
  void answersUnknownRoutesWith404ProblemAndRequestId() {
    var team = newTeam();
    expectProblem(new Api(http, team.apiKey()).get("/no/such/route"), 404, "not_found");
  }

  @Test
  void answersItsOwnRequestIdAlwaysAndEchoesAValidClientIdApart() {
    http.get()
        .uri("/mailboxes")
        .header("X-Request-Id", "client-req-42")
        .exchange()
        .expectHeader()
        .value(
            "X-Request-Id", id -> assertThat(id).startsWith("req_").isNotEqualTo("client-req-42"))
        .expectHeader()
        .valueEquals("X-Client-Request-Id", "client-req-42");
    http.get()
        .uri("/mailboxes")
        .header("X-Request-Id", "bad id\twith a tab")
        .exchange()
        .expectHeader()
        .value("X-Request-Id", id -> assertThat(id).startsWith("req_"))
        .expectHeader()
        .doesNotExist("X-Client-Request-Id");
    http.get()
        .uri("/mailboxes")
        .header("X-Request-Id", "x".repeat(129))
        .exchange()
        .expectHeader()
        .doesNotExist("X-Client-Request-Id");
  }

  @Test
  void givesEverySuccessfulAnswerARequestId() {
    var team = newTeam();
    new Api(http, team.apiKey())
        .get("/mailboxes")
        .expectStatus()
        .isOk()
        .expectHeader()
        .value("X-Request-Id", id -> assertThat(id).startsWith("req_"));
  }

  @Test
  void aSendingAccessKeyMayReadButGets403OnEveryWrite() {
    var team = newTeam();
    Api admin = new Api(http, team.apiKey());
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    long mailbox = new Seed(DB).mailbox(team.teamId(), domain, "reader");
    String key =
        admin
            .post("/api-keys", Map.of("name", "sender", "permission", "sending_access"))
            .expectStatus()
            .isCreated()
            .returnResult(Map.class)
            .getResponseBody()
            .blockFirst()
            .get("key")
            .toString();
    Api sender = new Api(http, key);

    sender.get("/mailboxes").expectStatus().isOk();
    sender.get("/mailboxes/" + mailbox).expectStatus().isOk();
    sender.get("/domains").expectStatus().isOk();
    expectProblem(
        sender.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "x", "password", "long-enough-1")),
        403,
        "forbidden");
    expectProblem(
        sender.patch("/mailboxes/" + mailbox, Map.of("displayName", "X")), 403, "forbidden");
    expectProblem(
        sender.post("/mailboxes/" + mailbox + "/password", Map.of("password", "long-enough-2")),
        403,
        "forbidden");
    expectProblem(sender.delete("/mailboxes/" + mailbox), 403, "forbidden");
    expectProblem(
        sender.post(
            "/mailboxes/aliases",
            Map.of("domainId", domain, "localPart", "y", "destinationMailboxId", mailbox)),
        403,
        "forbidden");
    expectProblem(sender.delete("/mailboxes/aliases/1"), 403, "forbidden");
    expectProblem(sender.post("/domains", Map.of("name", "sender-made.example")), 403, "forbidden");
    expectProblem(
        sender.patch("/domains/" + domain, Map.of("inbound_enabled", false)), 403, "forbidden");
    expectProblem(sender.post("/domains/" + domain + "/verify", null), 403, "forbidden");
    expectProblem(sender.delete("/domains/" + domain), 403, "forbidden");
    expectProblem(
        sender.post("/api-keys", Map.of("name", "n", "permission", "sending_access")),
        403,
        "forbidden");
    expectProblem(sender.get("/api-keys"), 403, "forbidden");
  }

  @Test
  void aKeyScopedToOneDomainSeesOnlyThatDomainAndGets403ForOthers() {
    var team = newTeam();
    Seed seed = new Seed(DB);
    long mine = seed.verifiedDomain(team.teamId());
    long other = seed.verifiedDomain(team.teamId());
    long inMine = seed.mailbox(team.teamId(), mine, "in-mine");
    long inOther = seed.mailbox(team.teamId(), other, "in-other");
    byte[] created =
        new Api(http, team.apiKey())
            .post(
                "/api-keys",
                Map.of(
                    "name",
                    "scoped",
                    "permission",
                    "full_access",
                    "allow_full_access",
                    true,
                    "domain_id",
                    String.valueOf(mine)))
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.domainId")
            .isEqualTo(mine)
            .returnResult()
            .getResponseBody();
    Api scoped = new Api(http, extractKey(created));

    scoped.get("/mailboxes/" + inMine).expectStatus().isOk();
    expectProblem(scoped.get("/mailboxes/" + inOther), 403, "forbidden");
    expectProblem(
        scoped.post(
            "/mailboxes", Map.of("domainId", other, "localPart", "x", "password", "long-enough-1")),
        403,
        "forbidden");
    scoped
        .get("/mailboxes")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.meta.total")
        .isEqualTo(1)
        .jsonPath("$.data[0].id")
        .isEqualTo(inMine);
    scoped
        .get("/domains")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains.length()")
        .isEqualTo(1);
    expectProblem(scoped.get("/domains/" + other), 403, "forbidden");
  }

  @Test
  void mintingAFullAccessKeyNeedsAnExplicitAllowFlag() {
    var team = newTeam();
    expectProblem(
        new Api(http, team.apiKey())
            .post("/api-keys", Map.of("name", "k", "permission", "full_access")),
        403,
        "forbidden");
  }

  @Test
  void aRevokedKeyStopsAtOnce() {
    var team = newTeam();
    Api admin = new Api(http, team.apiKey());
    String body =
        new String(
            admin
                .post("/api-keys", Map.of("name", "short-lived", "permission", "sending_access"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
    Api shortLived = new Api(http, extractKey(body));
    shortLived.get("/mailboxes").expectStatus().isOk();
    admin
        .delete("/api-keys/" + extractId(body))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    expectProblem(shortLived.get("/mailboxes"), 401, "unauthorized");
  }

  static String extractKey(Object json) {
    String text = json instanceof byte[] b ? new String(b) : json.toString();
    var m = java.util.regex.Pattern.compile("\"key\":\"(sk_live_[A-Za-z0-9]+)\"").matcher(text);
    assertThat(m.find()).as("plaintext key in %s", text).isTrue();
    return m.group(1);
  }

  static long extractId(String json) {
    var m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(json);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }
}
