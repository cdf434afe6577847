package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Seed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document stays true to the routes; health and metrics are served without a key. */
class OperationalEndpointsIT extends ApiIT {

  private static final List<String[]> ROUTES =
      List.of(
          new String[] {"/mailboxes", "post"},
          new String[] {"/mailboxes", "get"},
          new String[] {"/mailboxes/{id}", "get"},
          new String[] {"/mailboxes/{id}", "patch"},
          new String[] {"/mailboxes/{id}", "delete"},
          new String[] {"/mailboxes/{id}/password", "post"},
          new String[] {"/mailboxes/aliases", "post"},
          new String[] {"/mailboxes/aliases", "get"},
          new String[] {"/mailboxes/aliases/{id}", "delete"},
          new String[] {"/domains", "post"},
          new String[] {"/domains", "get"},
          new String[] {"/domains/{id}", "get"},
          new String[] {"/domains/{id}", "patch"},
          new String[] {"/domains/{id}", "delete"},
          new String[] {"/domains/{id}/verify", "post"},
          new String[] {"/api-keys", "post"},
          new String[] {"/api-keys", "get"},
          new String[] {"/api-keys/{id}", "get"},
          new String[] {"/api-keys/{id}", "delete"},
          new String[] {"/api-keys/{id}/rotate", "post"},
          new String[] {"/operations/{eventId}", "get"},
          new String[] {"/events", "get"},
          new String[] {"/mailboxes/{id}/events", "get"},
          new String[] {"/mailboxes/aliases/{id}/events", "get"},
          new String[] {"/domains/{id}/events", "get"});

  @Test
  void theOpenApiDocumentListsEveryImplementedRoute() {
    var spec = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody();
    for (String[] route : ROUTES) {
      spec.jsonPath("$.paths['" + route[0] + "']." + route[1]).exists();
    }
    // the audit list's filters are read from the query, so they are declared for the document
    for (String filter : List.of("type", "mailbox_id", "domain_id", "actor_key_id", "since")) {
      spec.jsonPath("$.paths['/events'].get.parameters[?(@.name == '" + filter + "')]").exists();
    }
  }

  @Test
  void healthShowsKafkaAndPostgresUp() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.kafka.status")
        .isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status")
        .isEqualTo("UP");
  }

  @Test
  void prometheusExposesTheCreateLatencyHistogram() {
    var team = newTeam();
    long pending =
        new Seed(DB)
            .domain(
                team.teamId(), "unverified-" + System.nanoTime() + ".example", "pending", false);
    new Api(http, team.apiKey())
        .post(
            "/mailboxes",
            Map.of("domainId", pending, "localPart", "metric", "password", "metric-password-1"))
        .expectStatus()
        .isEqualTo(422);
    String scrape =
        http
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .collectList()
            .block()
            .stream()
            .reduce("", String::concat);
    assertThat(scrape).contains("poststack_mailbox_create_seconds_bucket");
    assertThat(scrape).contains("outcome=\"domain_not_verified\"");
  }
}
