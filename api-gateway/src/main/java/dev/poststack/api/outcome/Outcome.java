package dev.poststack.api.outcome;

import java.util.UUID;

/** What became of a published event, as far as the API can tell. */
public sealed interface Outcome {
  UUID eventId();

  record Applied(UUID eventId) implements Outcome {}

  record Rejected(UUID eventId, String code, String message) implements Outcome {}

  /** No outcome within the wait: answer 202 and let the client poll the operation. */
  record Pending(UUID eventId) implements Outcome {}
}
