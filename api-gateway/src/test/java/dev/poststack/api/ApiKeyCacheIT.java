package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.EdgeLimitsApiIT;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A busy key is looked up once, then served from the instance's key cache; a key leaves the cache
 * as soon as its row changes, through the API or beside it.
 */
class ApiKeyCacheIT extends EdgeLimitsApiIT {
  private static final String LOOKUPS = "poststack.api.key.lookups";

  private double lookups() {
    return counter(LOOKUPS, "result", "found");
  }

  /** Requests until one costs no lookup: the cache's LISTEN holds and it keeps the key. */
  private void cached(WebClient client, String address, String key) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              double before = lookups();
              assertThat(get(client, "/mailboxes", address, key).block()).isEqualTo(200);
              return lookups() == before;
            });
  }

  @Test
  void aBusyKeyIsLookedUpOnceNotOncePerRequest() {
    WebClient client = webClient();
    String address = "203.0.113.41";
    String key = newTeam().apiKey();
    cached(client, address, key);
    double before = lookups();

    for (int i = 0; i < 15; i++) {
      assertThat(get(client, "/mailboxes", address, key).block()).isEqualTo(200);
    }

    assertThat(lookups()).as("no database round trip for a key in the cache").isEqualTo(before);
  }

  @Test
  void aKeyRevokedBesideTheApiStopsOnceItsNotificationArrives() throws Exception {
    WebClient client = webClient();
    String address = "203.0.113.42";
    String key = newTeam().apiKey();
    cached(client, address, key);

    try (var c = DB.connect();
        var revoke =
            c.prepareStatement("update api_key set revoked_at = now() where key_hash = ?")) {
      revoke.setString(1, new ApiKeySecret(key).hash());
      assertThat(revoke.executeUpdate()).isEqualTo(1);
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> get(client, "/mailboxes", address, key).block() == 401);
  }

  @Test
  void aKeyRotatedOrRevokedThroughTheApiStopsBeforeTheAnswer() {
    WebClient client = webClient();
    String address = "203.0.113.43";
    String admin = newTeam().apiKey();
    String rotated = mint(client, address, admin, "to-rotate");
    long rotatedId = AuthenticationIT.extractId(keyBody);
    cached(client, address, rotated);
    String revoked = mint(client, address, admin, "to-revoke");
    long revokedId = AuthenticationIT.extractId(keyBody);
    cached(client, address, revoked);

    assertThat(send(client, address, admin, "POST", "/api-keys/" + rotatedId + "/rotate"))
        .isEqualTo(200);
    assertThat(get(client, "/mailboxes", address, rotated).block())
        .as("the old secret of a rotated key, the request right after the answer")
        .isEqualTo(401);
    assertThat(send(client, address, admin, "DELETE", "/api-keys/" + revokedId)).isEqualTo(200);
    assertThat(get(client, "/mailboxes", address, revoked).block())
        .as("a revoked key, the request right after the answer")
        .isEqualTo(401);
  }

  private String keyBody;

  private String mint(WebClient client, String address, String admin, String name) {
    keyBody =
        client
            .post()
            .uri("/api-keys")
            .header("X-Forwarded-For", address)
            .header("Authorization", "Bearer " + admin)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "permission", "full_access", "allow_full_access", true))
            .retrieve()
            .bodyToMono(String.class)
            .block(Duration.ofSeconds(20));
    return AuthenticationIT.extractKey(keyBody);
  }

  private static int send(
      WebClient client, String address, String admin, String method, String path) {
    return client
        .method(org.springframework.http.HttpMethod.valueOf(method))
        .uri(path)
        .header("X-Forwarded-For", address)
        .header("Authorization", "Bearer " + admin)
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .block(Duration.ofSeconds(20));
  }
}
