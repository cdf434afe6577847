package dev.poststack.api.http;

import tools.jackson.databind.json.JsonMapper;

/**
 * A successful answer before rendering. {@code passwordHash} is the hash made for this request, if
 * any: the idempotency store keeps it (never the plaintext) to compare a retry's password. {@code
 * replayBody}, when set, is what a replay shows instead of {@code body} (a new key's plaintext is
 * shown once and never stored).
 */
public record ApiResponse(int status, Object body, String passwordHash, Object replayBody) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, null, null);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body, null, null);
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body, null, null);
  }

  public ApiResponse withPasswordHash(String hash) {
    return new ApiResponse(status, body, hash, replayBody);
  }

  public ApiResponse withReplayBody(Object replay) {
    return new ApiResponse(status, body, passwordHash, replay);
  }

  public StoredResponse render() {
    return new StoredResponse(status, "application/json", JSON.writeValueAsBytes(body));
  }

  public StoredResponse renderForReplay() {
    Object stored = replayBody != null ? replayBody : body;
    return new StoredResponse(status, "application/json", JSON.writeValueAsBytes(stored));
  }

  @Override
  public String toString() {
    return "ApiResponse[" + status + "]";
  }
}
