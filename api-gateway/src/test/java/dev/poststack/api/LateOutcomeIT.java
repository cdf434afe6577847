package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.platform.Purge;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.MailboxCreated;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * No provisioner runs here, so no outcome ever arrives: the API must answer 202 with the pending
 * object and an operation to poll, and idempotent retries must replay that answer, not republish.
 */
@TestPropertySource(
    properties = {"poststack.outcome-timeout=300ms", "poststack.test.provisioner=false"})
class LateOutcomeIT extends ApiIT {
  @org.springframework.beans.factory.annotation.Autowired java.util.List<Purge> purges;

  @Test
  void aCreateWhoseOutcomeIsLateAnswers202WithThePendingMailboxAndAnOperation() {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    new Api(http, team.apiKey())
        .post(
            "/mailboxes",
            Map.of(
                "domainId",
                domain,
                "localPart",
                "late",
                "password",
                "late-password-1",
                "displayName",
                "Late One"))
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.mailbox.id")
        .isNumber()
        .jsonPath("$.mailbox.publicId")
        .value(id -> assertThat(id.toString()).matches("mb_[A-Za-z0-9]{24}"))
        .jsonPath("$.mailbox.emailAddress")
        .value(a -> assertThat(a.toString()).startsWith("late@"))
        .jsonPath("$.mailbox.displayName")
        .isEqualTo("Late One")
        .jsonPath("$.mailbox.createdAt")
        .value(
            t ->
                assertThat(t.toString())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
        .jsonPath("$.operation.status")
        .isEqualTo("pending")
        .jsonPath("$.operation.href")
        .value(h -> assertThat(h.toString()).startsWith("/operations/"));
  }

  @Test
  void theOperationReadsPendingForItsTeamAndIsUnknownToOthers() {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    String href =
        operationHref(
            new Api(http, team.apiKey())
                .post(
                    "/mailboxes",
                    Map.of(
                        "domainId", domain, "localPart", "poll-me", "password", "late-password-1"))
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody());
    new Api(http, team.apiKey())
        .get(href)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("pending")
        .jsonPath("$.id")
        .isEqualTo(href.substring("/operations/".length()));
    expectProblem(new Api(http, newTeam().apiKey()).get(href), 404, "not_found");
    expectProblem(
        new Api(http, team.apiKey()).get("/operations/" + UUID.randomUUID()), 404, "not_found");
  }

  @Test
  void aDomainScopedKeySeesOnlyItsOwnDomainsOperations() {
    var team = newTeam();
    Seed seed = new Seed(DB);
    long mine = seed.verifiedDomain(team.teamId());
    long other = seed.verifiedDomain(team.teamId());
    Api teamWide = new Api(http, team.apiKey());
    String inOther =
        operationHref(
            teamWide
                .post(
                    "/mailboxes",
                    Map.of("domainId", other, "localPart", "elsewhere", "password", "late-pw-12"))
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody());
    String inMine =
        operationHref(
            teamWide
                .post(
                    "/mailboxes",
                    Map.of("domainId", mine, "localPart", "here", "password", "late-pw-12"))
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody());
    Api scoped = teamWide.scopedTo(mine);

    scoped.get(inMine).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("pending");
    expectProblem(scoped.get(inOther), 403, "forbidden");
    teamWide.get(inOther).expectStatus().isOk();
  }

  @Test
  void pendingOperationsPastTheirRetentionArePurgedAndRecentOnesStay() throws Exception {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    Api api = new Api(http, team.apiKey());
    String old = pendingMailbox(api, domain, "old-pending");
    String recent = pendingMailbox(api, domain, "recent-pending");
    try (var c = DB.connect();
        var age =
            c.prepareStatement(
                "update pending_operation set created_at = now() - interval '8 days'"
                    + " where event_id = ?::uuid")) {
      age.setString(1, old.substring("/operations/".length()));
      age.executeUpdate();
    }

    Purge pending =
        purges.stream().filter(p -> p.name().equals("pending operation")).findFirst().orElseThrow();
    assertThat(pending.purge().block()).isGreaterThanOrEqualTo(1L);

    expectProblem(api.get(old), 404, "not_found");
    api.get(recent).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("pending");
  }

  private String pendingMailbox(Api api, long domain, String localPart) {
    return operationHref(
        api.post(
                "/mailboxes",
                Map.of("domainId", domain, "localPart", localPart, "password", "late-pw-123"))
            .expectStatus()
            .isAccepted()
            .expectBody()
            .returnResult()
            .getResponseBody());
  }

  @Test
  void theEventCarriesTheHashTheKeyAndTheRequestButNotThePassword() {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    long before = eventLog().endOffsetTotal();
    var headers =
        new Api(http, team.apiKey())
            .withClientRequestId("trace 7/client")
            .post(
                "/mailboxes",
                Map.of("domainId", domain, "localPart", "hashed", "password", "plain-text-pw-9"))
            .expectStatus()
            .isAccepted()
            .returnResult(String.class)
            .getResponseHeaders();
    String requestId = headers.getFirst("X-Request-Id");
    assertThat(requestId).startsWith("req_");
    assertThat(headers.getFirst("X-Client-Request-Id")).isEqualTo("trace 7/client");
    assertThat(eventLog().endOffsetTotal()).isEqualTo(before + 1);
    var record =
        eventLog().all().stream()
            .filter(r -> new String(r.value()).contains("hashed"))
            .reduce((a, b) -> b)
            .orElseThrow();
    MailboxCreated event = (MailboxCreated) new EventCodec().decode(record.value());
    assertThat(record.key()).isEqualTo(Long.toString(domain));
    assertThat(event.getPasswordHash()).startsWith("{SHA512-CRYPT}$6$");
    assertThat(new String(record.value())).doesNotContain("plain-text-pw-9");
    assertThat(event.getEnvelope().getActor().getKind()).isEqualTo(ActorKind.api_key);
    assertThat(event.getEnvelope().getRequestId()).isEqualTo(requestId);
    assertThat(event.getEnvelope().getClientRequestId()).isEqualTo("trace 7/client");
    assertThat(event.getEnvelope().getTeamId()).isEqualTo(team.teamId());
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReplaysTheFirstAnswerAndPublishesNothingNew() {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    Api api = new Api(http, team.apiKey());
    Map<String, Object> body =
        Map.of("domainId", domain, "localPart", "once", "password", "once-password-1");
    String key = UUID.randomUUID().toString();
    byte[] first =
        api.post("/mailboxes", body, key)
            .expectStatus()
            .isAccepted()
            .expectBody()
            .returnResult()
            .getResponseBody();
    long after = eventLog().endOffsetTotal();
    byte[] second =
        api.post("/mailboxes", body, key)
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .value("X-Request-Id", id -> assertThat(id).isNotBlank())
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(second).isEqualTo(first);
    assertThat(eventLog().endOffsetTotal()).isEqualTo(after);
  }

  @Test
  void reusingAnIdempotencyKeyForAnotherRequestIs422() {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    Api api = new Api(http, team.apiKey());
    String key = UUID.randomUUID().toString();
    api.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "first", "password", "first-password-1"),
            key)
        .expectStatus()
        .isAccepted();
    expectProblem(
        api.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "second", "password", "first-password-1"),
            key),
        422,
        "idempotency_key_reused");
    expectProblem(
        api.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "first", "password", "other-password-2"),
            key),
        422,
        "idempotency_key_reused");
  }

  @Test
  void aValidationFailureDoesNotUseUpTheIdempotencyKey() {
    var team = newTeam();
    long domain = new Seed(DB).verifiedDomain(team.teamId());
    Api api = new Api(http, team.apiKey());
    String key = UUID.randomUUID().toString();
    expectProblem(
        api.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "a:b", "password", "first-password-1"),
            key),
        422,
        "validation_error");
    api.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "fixed", "password", "first-password-1"),
            key)
        .expectStatus()
        .isAccepted();
  }

  private static String operationHref(byte[] body) {
    var m =
        java.util.regex.Pattern.compile("\"href\":\"(/operations/[0-9a-f-]{36})\"")
            .matcher(new String(body));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
