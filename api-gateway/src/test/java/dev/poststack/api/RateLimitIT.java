package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

@TestPropertySource(
    properties = {
      "poststack.rate-limit.per-second=1",
      "poststack.rate-limit.burst=3",
      "poststack.test.provisioner=false"
    })
class RateLimitIT extends ApiIT {

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterWhileOtherKeysAreServed() {
    Api flooder = new Api(http, newTeam().apiKey());
    for (int i = 0; i < 3; i++) {
      flooder.get("/mailboxes").expectStatus().isOk();
    }
    // at one token a second, a slow machine may earn a token or two back; twenty more in a row
    // cannot all pass
    EntityExchangeResult<byte[]> refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      EntityExchangeResult<byte[]> r = flooder.get("/mailboxes").expectBody().returnResult();
      if (r.getStatus().value() != 200) {
        refused = r;
      }
    }
    assertThat(refused).as("no request of the flood was refused").isNotNull();
    assertThat(refused.getStatus().value()).isEqualTo(429);
    assertThat(refused.getResponseHeaders().getContentType())
        .hasToString("application/problem+json");
    assertThat(refused.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
    assertThat(Integer.parseInt(refused.getResponseHeaders().getFirst("Retry-After")))
        .isBetween(1, 60);
    String body = new String(refused.getResponseBody());
    assertThat(body).contains("\"code\":\"rate_limit_exceeded\"").contains("\"error\":");

    new Api(http, newTeam().apiKey()).get("/mailboxes").expectStatus().isOk();
  }
}
