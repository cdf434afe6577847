package dev.poststack.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What every error answer must carry: problem+json with error and code, and an X-Request-Id. */
public final class Problems {
  private Problems() {}

  public static WebTestClient.BodyContentSpec expectProblem(
      WebTestClient.ResponseSpec response, int status, String code) {
    return response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType("application/problem+json")
        .expectHeader()
        .value("X-Request-Id", id -> assertThat(id).isNotBlank())
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status)
        .jsonPath("$.code")
        .isEqualTo(code)
        .jsonPath("$.error")
        .isNotEmpty()
        .jsonPath("$.type")
        .isNotEmpty()
        .jsonPath("$.title")
        .isNotEmpty()
        .jsonPath("$.detail")
        .isNotEmpty();
  }
}
