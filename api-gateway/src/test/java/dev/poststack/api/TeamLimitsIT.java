package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.team.TeamLimitsAdmin;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Claims;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.PipelineConfig;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.controlplane.limit.TeamLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Each per-team limit is refused at its value with 422 {@code limit_reached} naming the limit and
 * its value, nothing changes, and an operator's override (as {@code admin team limits} sets it)
 * raises it.
 */
class TeamLimitsIT extends ApiIT {

  private void limit(long teamId, TeamLimit limit, long value) {
    new TeamLimitsAdmin(
            new AdminDatabase(DB.jdbcUrl(), DB.user(), DB.password()), TeamLimits.builtIn())
        .set(Long.toString(teamId), Map.of(limit, OptionalLong.of(value)));
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  @Test
  void anApiKeyPastTheLimitIsRefusedAndNoKeyIsMadeUntilTheOperatorRaisesIt() throws Exception {
    var team = newTeam(); // holds its first key
    Api api = new Api(http, team.apiKey());
    limit(team.teamId(), TeamLimit.API_KEYS, 2);
    Map<String, Object> key = Map.of("name", "ci", "permission", "sending_access");
    api.post("/api-keys", key).expectStatus().isCreated();

    expectProblem(api.post("/api-keys", key), 422, "limit_reached")
        .jsonPath("$.error")
        .isEqualTo("team limit reached: api-keys (at most 2 active API keys)");
    assertThat(count("select count(*) from api_key where team_id = ?", team.teamId())).isEqualTo(2);

    limit(team.teamId(), TeamLimit.API_KEYS, 3);
    api.post("/api-keys", key).expectStatus().isCreated();
  }

  @Test
  void aDomainPastTheLimitIsRefusedUntilTheOperatorRaisesIt() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    limit(team.teamId(), TeamLimit.DOMAINS, 1);
    api.post("/domains", Map.of("name", name("one"))).expectStatus().isCreated();
    long published = eventLog().endOffsetTotal();

    expectProblem(api.post("/domains", Map.of("name", name("two"))), 422, "limit_reached")
        .jsonPath("$.error")
        .isEqualTo("team limit reached: domains (at most 1 domains)");
    assertThat(eventLog().endOffsetTotal()).as("nothing published").isEqualTo(published);

    limit(team.teamId(), TeamLimit.DOMAINS, 2);
    api.post("/domains", Map.of("name", name("two"))).expectStatus().isCreated();
  }

  @Test
  void unverifiedDomainsPastThePendingLimitAreRefusedWhileVerifiedOnesDoNotCount() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    limit(team.teamId(), TeamLimit.PENDING_DOMAINS, 1);
    long first = Claims.published(api, name(PipelineConfig.MX_OK_PREFIX)).id();

    expectProblem(api.post("/domains", Map.of("name", name("second"))), 422, "limit_reached")
        .jsonPath("$.error")
        .value(e -> assertThat(e.toString()).contains("pending-domains").contains("at most 1"));

    api.post("/domains/" + first + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("verified");
    api.post("/domains", Map.of("name", name("second"))).expectStatus().isCreated();
  }

  @Test
  void aMailboxAndAnAliasPastTheirLimitsAreRefusedUntilRaised() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    limit(t.teamId(), TeamLimit.MAILBOXES, 1);
    limit(t.teamId(), TeamLimit.ALIASES, 1);
    Object anna = MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "anna")).get("id");

    expectProblem(
            api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "bob")), 422, "limit_reached")
        .jsonPath("$.error")
        .isEqualTo("team limit reached: mailboxes (at most 1 mailboxes)");
    api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "info", anna))
        .expectStatus()
        .isCreated();
    expectProblem(
            api.post("/mailboxes/aliases", Fixtures.alias(t.domainId(), "help", anna)),
            422,
            "limit_reached")
        .jsonPath("$.error")
        .isEqualTo("team limit reached: aliases (at most 1 aliases)");

    limit(t.teamId(), TeamLimit.MAILBOXES, 2);
    MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "bob"));
  }

  /**
   * The API's check is a fast path that simultaneous creates all pass; the provisioner's rule,
   * counting in its apply transaction, is what holds the limit.
   */
  @Test
  void simultaneousCreatesNeverTakeATeamPastItsMailboxLimit() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    limit(t.teamId(), TeamLimit.MAILBOXES, 3);
    WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    List<Integer> statuses =
        Flux.range(0, 12)
            .flatMap(
                i ->
                    client
                        .method(HttpMethod.POST)
                        .uri("/mailboxes")
                        .header("Authorization", "Bearer " + t.apiKey())
                        .header("User-Agent", Api.USER_AGENT)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .bodyValue(Fixtures.mailbox(t.domainId(), "user" + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())),
                12)
            .collectList()
            .block();
    assertThat(statuses).hasSize(12);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(3);
    assertThat(statuses.stream().filter(s -> s == 422)).hasSize(9);
    assertThat(
            count(
                "select count(*) from mailbox where team_id = ? and status <> 'deleted'",
                t.teamId()))
        .isEqualTo(3);
  }

  private static long count(String sql, long teamId) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, teamId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
