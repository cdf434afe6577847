package dev.poststack.provisioner.app;

import dev.poststack.provisioner.rules.Decision;
import dev.poststack.schemas.EventType;
import java.util.UUID;

/** What processing one record came to, once its transaction has committed. */
public record RecordOutcome(UUID eventId, EventType type, Result result, String rejectionCode) {

  public enum Result {
    APPLIED,
    REJECTED,
    /** Already processed: nothing was written, no audit row, no NOTIFY. */
    DUPLICATE
  }

  static RecordOutcome of(UUID eventId, EventType type, Decision decision) {
    if (decision instanceof Decision.Rejected rejected) {
      return new RecordOutcome(eventId, type, Result.REJECTED, rejected.code().code());
    }
    return new RecordOutcome(eventId, type, Result.APPLIED, null);
  }

  static RecordOutcome duplicate(UUID eventId, EventType type) {
    return new RecordOutcome(eventId, type, Result.DUPLICATE, null);
  }
}
