package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /domains} and {@code GET /api-keys} page like {@code GET /mailboxes} while keeping the
 * list member the SDK reads ({@code domains}, {@code keys}); the default page is 100.
 */
class ListPagingIT extends ApiIT {

  @Test
  void domainsArePagedInIdOrderWithTheirMetaBesideTheList() {
    Api api = new Api(http, newTeam().apiKey());
    String[] names = new String[3];
    for (int i = 0; i < 3; i++) {
      names[i] = "page" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
      api.post("/domains", Map.of("name", names[i])).expectStatus().isCreated();
    }
    api.get("/domains?page=1&per_page=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains.length()")
        .isEqualTo(2)
        .jsonPath("$.domains[0].name")
        .isEqualTo(names[0])
        .jsonPath("$.meta.page")
        .isEqualTo(1)
        .jsonPath("$.meta.perPage")
        .isEqualTo(2)
        .jsonPath("$.meta.total")
        .isEqualTo(3)
        .jsonPath("$.meta.totalPages")
        .isEqualTo(2);
    api.get("/domains?page=2&per_page=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains.length()")
        .isEqualTo(1)
        .jsonPath("$.domains[0].name")
        .isEqualTo(names[2]);
    api.get("/domains")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains.length()")
        .isEqualTo(3)
        .jsonPath("$.meta.perPage")
        .isEqualTo(100);
    expectProblem(api.get("/domains?per_page=101"), 422, "validation_error");
    expectProblem(api.get("/domains?page=0"), 422, "validation_error");
  }

  @Test
  void apiKeysArePagedAndRevokedKeysAreNeitherListedNorCounted() {
    Api api = new Api(http, newTeam().apiKey()); // the team's first key is id-ordered first
    Map<String, Object> body = Map.of("name", "ci", "permission", "sending_access");
    api.post("/api-keys", body).expectStatus().isCreated();
    long revoked =
        AuthenticationIT.extractId(
            new String(
                api.post("/api-keys", body)
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody()));
    api.post("/api-keys", body).expectStatus().isCreated();
    api.delete("/api-keys/" + revoked).expectStatus().isOk();

    api.get("/api-keys?per_page=2&page=2")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys.length()")
        .isEqualTo(1)
        .jsonPath("$.meta.total")
        .isEqualTo(3)
        .jsonPath("$.meta.totalPages")
        .isEqualTo(2)
        .jsonPath("$.keys[0].key")
        .doesNotExist();
    api.get("/api-keys")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys.length()")
        .isEqualTo(3)
        .jsonPath("$.meta.page")
        .isEqualTo(1)
        .jsonPath("$.meta.perPage")
        .isEqualTo(100);
    expectProblem(api.get("/api-keys?per_page=abc"), 422, "validation_error");
  }
}
