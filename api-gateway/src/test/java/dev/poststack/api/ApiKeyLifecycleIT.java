package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyLifecycleIT extends ApiIT {

  @Test
  void mintsAKeyShowingItsPlaintextOnceAndListsItWithoutIt() {
    Api admin = new Api(http, newTeam().apiKey());
    byte[] created =
        admin
            .post("/api-keys", Map.of("name", "ci", "permission", "sending_access"))
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.id")
            .isNumber()
            .jsonPath("$.name")
            .isEqualTo("ci")
            .jsonPath("$.keyPrefix")
            .value(p -> assertThat(p.toString()).startsWith("sk_live_"))
            .jsonPath("$.permission")
            .isEqualTo("sending_access")
            .jsonPath("$.mode")
            .isEqualTo("live")
            .jsonPath("$.domainId")
            .isEmpty()
            .jsonPath("$.lastUsedAt")
            .isEmpty()
            .jsonPath("$.createdAt")
            .isNotEmpty()
            .jsonPath("$.key")
            .value(k -> assertThat(k.toString()).matches("sk_live_[A-Za-z0-9]{32,}"))
            .returnResult()
            .getResponseBody();
    long id = AuthenticationIT.extractId(new String(created));
    admin
        .get("/api-keys")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys.length()")
        .isEqualTo(2)
        .jsonPath("$.keys[1].id")
        .isEqualTo(id)
        .jsonPath("$.keys[1].key")
        .doesNotExist();
    admin
        .get("/api-keys/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("ci")
        .jsonPath("$.key")
        .doesNotExist();
  }

  @Test
  void rotatingAKeyKeepsItsIdentityAndStopsTheOldSecret() {
    Api admin = new Api(http, newTeam().apiKey());
    String body =
        new String(
            admin
                .post("/api-keys", Map.of("name", "rot", "permission", "sending_access"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
    String oldKey = AuthenticationIT.extractKey(body);
    long id = AuthenticationIT.extractId(body);
    String rotated =
        new String(
            admin
                .post("/api-keys/" + id + "/rotate", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id)
                .jsonPath("$.name")
                .isEqualTo("rot")
                .jsonPath("$.permission")
                .isEqualTo("sending_access")
                .returnResult()
                .getResponseBody());
    String newKey = AuthenticationIT.extractKey(rotated);
    assertThat(newKey).isNotEqualTo(oldKey);
    expectProblem(new Api(http, oldKey).get("/mailboxes"), 401, "unauthorized");
    new Api(http, newKey).get("/mailboxes").expectStatus().isOk();
  }

  @Test
  void aReplayedKeyCreationShowsTheSameKeyAgainAndMintsNoSecond() {
    Api admin = new Api(http, newTeam().apiKey());
    String idem = java.util.UUID.randomUUID().toString();
    String first =
        AuthenticationIT.extractKey(
            admin
                .post("/api-keys", Map.of("name", "once", "permission", "sending_access"), idem)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
    admin
        .post("/api-keys", Map.of("name", "once", "permission", "sending_access"), idem)
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.key")
        .isEqualTo(first)
        .jsonPath("$.name")
        .isEqualTo("once");
    admin
        .get("/api-keys")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys.length()")
        .isEqualTo(2);
  }
}
