package dev.poststack.api.idempotency;

import java.util.Objects;

/**
 * What a request that found its Idempotency-Key already claimed gets: the stored answer only if it
 * is the same request from the same API key, and only while that key still reaches what it reached
 * when it made it. Pure: the caller reads the record and acts on the verdict.
 */
final class Replays {
  enum Verdict {
    /** Another API key of the team claimed this Idempotency-Key: 422, its answer is not ours. */
    ANOTHER_KEY,
    /** Same key, another request (body, path, method, password present or not): 422. */
    ANOTHER_REQUEST,
    /** The key's domain scope is narrower or other than when it made the request: 403. */
    OUT_OF_SCOPE,
    /** The same request is still running: wait for its answer. */
    IN_FLIGHT,
    REPLAY
  }

  private Replays() {}

  static Verdict decide(Claim retry, IdempotencyRecord stored) {
    if (stored.apiKeyId() != retry.apiKeyId()) {
      return Verdict.ANOTHER_KEY;
    }
    if (!stored.fingerprint().equals(retry.fingerprint())) {
      return Verdict.ANOTHER_REQUEST;
    }
    if (!reaches(retry.domainScope(), stored.domainScope())) {
      return Verdict.OUT_OF_SCOPE;
    }
    return stored.completed() ? Verdict.REPLAY : Verdict.IN_FLIGHT;
  }

  /**
   * Whether a key's scope now covers its scope then: it is team-wide now, or limited to the same
   * domain as then. Conservative on purpose: a key narrowed to one domain since is refused even the
   * replay of a request about that domain; it may send the request again under a new key.
   */
  static boolean reaches(Long scopeNow, Long scopeThen) {
    return scopeNow == null || Objects.equals(scopeNow, scopeThen);
  }
}
