package dev.poststack.provisioner.app;

import dev.poststack.provisioner.audit.KafkaPosition;

/**
 * Told about each record after its transaction committed and before its offset is committed. It
 * must be quick and must not fail: the record is already applied.
 */
public interface OutcomeObserver {
  void committed(RecordOutcome outcome, KafkaPosition position);
}
