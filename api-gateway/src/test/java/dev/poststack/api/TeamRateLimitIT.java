package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.OwnNettyLoops;
import dev.poststack.api.support.Seed;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The team limit holds across API instances and across a team's keys: two application contexts on
 * one database share a team's bucket. A slow refill (1 a second) keeps the arithmetic simple.
 */
@TestPropertySource(
    properties = {
      "poststack.test.provisioner=false",
      "poststack.rate-limit.team.per-second=1",
      "poststack.rate-limit.team.burst=" + TeamRateLimitIT.TEAM_BURST,
      // generous, so a busy machine never makes a check fall back to the per-instance bucket
      "poststack.rate-limit.team.timeout=10s"
    })
@DirtiesContext // a context of its own: close it when done, it holds database connections
class TeamRateLimitIT extends ApiIT {
  static final int TEAM_BURST = 20;
  private static ConfigurableApplicationContext secondInstance;

  @AfterAll
  static void stopSecondInstance() {
    if (secondInstance != null) {
      secondInstance.close();
    }
  }

  /** Another API instance, as a deployment runs it: same database, same broker, same settings. */
  private WebTestClient secondInstance() {
    if (secondInstance == null) {
      Map<String, Object> p = new HashMap<>();
      p.put("server.port", 0);
      p.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
      p.put("spring.r2dbc.url", DB.r2dbcUrl());
      p.put("spring.r2dbc.username", DB.user());
      p.put("spring.r2dbc.password", DB.password());
      p.put("spring.flyway.url", DB.jdbcUrl());
      p.put("spring.flyway.user", DB.user());
      p.put("spring.flyway.password", DB.password());
      p.put("poststack.rate-limit.per-second", 10000);
      p.put("poststack.rate-limit.burst", 10000);
      p.put("poststack.rate-limit.team.per-second", 1);
      p.put("poststack.rate-limit.team.burst", TEAM_BURST);
      p.put("poststack.rate-limit.team.timeout", "10s");
      // like every context on the shared database but the one test that reads the control
      // records: a second relay would carry the shared journal to this test's broker, and that
      // test would restore keys whose teams went elsewhere
      p.put("poststack.control-journal.enabled", false);
      p.put("poststack.webhooks.dispatcher-enabled", false);
      // as arguments, which (unlike default properties) win over application.yml
      secondInstance =
          new SpringApplicationBuilder(ApiGatewayApplication.class, OwnNettyLoops.class)
              .run(
                  p.entrySet().stream()
                      .map(e -> "--" + e.getKey() + "=" + e.getValue())
                      .toArray(String[]::new));
    }
    String port = secondInstance.getEnvironment().getRequiredProperty("local.server.port");
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void aTeamsRequestsSplitOverTwoInstancesAndTwoKeysAreRefusedAfterTheTeamsBurstInTotal() {
    WebTestClient other = secondInstance();
    var team = newTeam();
    Api onFirst = new Api(http, team.apiKey());
    Api onSecond = new Api(other, new Seed(DB).apiKey(team.teamId()));

    long start = System.nanoTime();
    int served = 0;
    int refusedOnFirst = 0;
    int refusedOnSecond = 0;
    for (int i = 0; i < 3 * TEAM_BURST; i++) {
      boolean first = i % 2 == 0;
      int status =
          (first ? onFirst : onSecond)
              .get("/mailboxes")
              .returnResult(byte[].class)
              .getStatus()
              .value();
      if (status == 200) {
        served++;
      } else {
        assertThat(status).isEqualTo(429);
        if (first) {
          refusedOnFirst++;
        } else {
          refusedOnSecond++;
        }
      }
    }
    long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;

    // one bucket for the team: its burst and what refilled at 1 a second; a bucket per instance
    // or per key would have served 2 × TEAM_BURST
    assertThat(served).isBetween(TEAM_BURST, TEAM_BURST + (int) elapsedSeconds);
    assertThat(refusedOnFirst).isPositive();
    assertThat(refusedOnSecond).isPositive();

    var otherTeam = newTeam();
    new Api(http, otherTeam.apiKey()).get("/mailboxes").expectStatus().isOk();
    new Api(other, otherTeam.apiKey()).get("/mailboxes").expectStatus().isOk();
  }

  @Test
  void aWriteTakesTheWriteCostOfTheTeamsTokens() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    long start = System.nanoTime();
    int served = 0;
    for (int i = 0; i < 2 * TEAM_BURST; i++) {
      // a write that the API refuses cheaply (no such alias) still costs the team its tokens
      int status =
          api.delete("/mailboxes/aliases/999999999").returnResult(byte[].class).getStatus().value();
      if (status != 429) {
        assertThat(status).isEqualTo(404);
        served++;
      }
    }
    long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;

    // write cost 3 (the default): a third of the burst, and one write per 3 s of refill
    assertThat(served).isBetween(TEAM_BURST / 3, TEAM_BURST / 3 + (int) (elapsedSeconds / 3) + 1);
  }

  @Test
  void theTeamsRefusalIsAProblemWithRetryAfter() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    for (int i = 0; i < TEAM_BURST; i++) {
      api.get("/mailboxes").returnResult(byte[].class);
    }
    byte[] body = null;
    for (int i = 0; i < TEAM_BURST && body == null; i++) {
      var r = api.get("/mailboxes").expectBody().returnResult();
      if (r.getStatus().value() == 429) {
        assertThat(Integer.parseInt(r.getResponseHeaders().getFirst("Retry-After")))
            .isBetween(1, 60);
        assertThat(r.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        body = r.getResponseBody();
      }
    }
    assertThat(body).as("the team's burst was never refused").isNotNull();
    assertThat(new String(body)).contains("\"code\":\"rate_limit_exceeded\"").contains("this team");
  }
}
