package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"poststack.rate-limit.per-second=1", "poststack.rate-limit.burst=3", "poststack.test.provisioner=false"})
class RateLimitIT extends ApiIT {

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterWhileOtherKeysAreServed() {
    Api flooder = new Api(http, newTeam().apiKey());
    for (int i = 0; i < 3; i++) {
      flooder.get("/mailboxes").expectStatus().isOk();
    }
    expectProblem(flooder.get("/mailboxes"), 429, "rate_limit_exceeded");
    flooder.get("/mailboxes").expectStatus().isEqualTo(429)
        .expectHeader().value("Retry-After", v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    new Api(http, newTeam().apiKey()).get("/mailboxes").expectStatus().isOk();
  }
}
