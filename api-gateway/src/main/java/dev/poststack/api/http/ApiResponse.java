package dev.poststack.api.http;

import tools.jackson.databind.json.JsonMapper;

/**
 * A successful answer before rendering. {@code bodyWithoutSecret}, when set, says the body holds a
 * secret shown once (a new API key's plaintext): the idempotency store keeps that version in the
 * clear and the whole body only sealed under keys the client alone can make again, so a retry gets
 * the same secret back and a database dump never shows it.
 */
public record ApiResponse(int status, Object body, Object bodyWithoutSecret) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, null);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body, null);
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body, null);
  }

  public ApiResponse holdingSecret(Object withoutSecret) {
    return new ApiResponse(status, body, withoutSecret);
  }

  public boolean holdsSecret() {
    return bodyWithoutSecret != null;
  }

  public StoredResponse render() {
    return new StoredResponse(status, "application/json", JSON.writeValueAsBytes(body));
  }

  /** What may be stored in the clear: the body, or its version without the secret. */
  public StoredResponse renderWithoutSecret() {
    Object stored = holdsSecret() ? bodyWithoutSecret : body;
    return new StoredResponse(status, "application/json", JSON.writeValueAsBytes(stored));
  }

  @Override
  public String toString() {
    return "ApiResponse[" + status + "]";
  }
}
