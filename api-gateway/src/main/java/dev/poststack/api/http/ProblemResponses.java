package dev.poststack.api.http;

import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.Problem;
import tools.jackson.databind.json.JsonMapper;

/** Renders a problem to the bytes every path answers with (handler, idempotent replay). */
public final class ProblemResponses {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemResponses() {}

  public static StoredResponse render(ApiException e) {
    return new StoredResponse(
        e.status().value(), CONTENT_TYPE, JSON.writeValueAsBytes(Problem.of(e)));
  }
}
