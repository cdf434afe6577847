package dev.poststack.provisioner.app;

import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.UnknownEventException;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.UndecodableEventException;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * What the error handler does with a record that failed on its own {@link RetryPolicy#attempts()}
 * times: the event is refused as {@code apply_failed} in a transaction of its own (claimed and
 * audited, so the API's waiter gets an answer and a redelivery is a duplicate), then copied to the
 * dead-letter topic with the failure in its headers, and its partition moves on.
 *
 * <p>That refusal is also the health probe: if the database cannot record it (it is down, or the
 * tables the refusal writes are unusable), this throws, the error handler starts the record's
 * attempts again, and nothing is skipped — skipping a valid event would fork the state from the
 * log. A record that cannot be decoded (its dead-lettering failed before) is dead-lettered again.
 */
@Component
class GiveUpRecoverer {
  private static final Logger LOG = LoggerFactory.getLogger(GiveUpRecoverer.class);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

  private final EventCodec codec;
  private final EventProcessor processor;
  private final ConsumerRecordRecoverer deadLetters;
  private final List<OutcomeObserver> observers;
  private final RetryPolicy policy;

  GiveUpRecoverer(
      EventCodec codec,
      EventProcessor processor,
      ConsumerRecordRecoverer mailboxEventDeadLetters,
      List<OutcomeObserver> observers,
      RetryPolicy policy) {
    this.codec = codec;
    this.processor = processor;
    this.deadLetters = mailboxEventDeadLetters;
    this.observers = observers;
    this.policy = policy;
  }

  /** The error handler's recoverer (a plain method: no second ConsumerRecordRecoverer bean). */
  void recover(ConsumerRecord<?, ?> record, Exception failure) {
    KafkaPosition position = new KafkaPosition(record.topic(), record.partition(), record.offset());
    SpecificRecord event;
    try {
      event = codec.decode((byte[]) record.value());
      Provisioning.requireRule(event);
    } catch (UndecodableEventException | UnknownEventException poison) {
      deadLetters.accept(record, poison);
      return;
    }
    Throwable cause = rootCause(failure);
    // the API shows this message: the failure's kind, never its text (it may quote other rows)
    String message =
        "the provisioner gave up after "
            + policy.attempts()
            + " failed attempts ("
            + cause.getClass().getSimpleName()
            + ")";
    RecordOutcome outcome =
        processor
            .refuse(
                new EventProcessor.Pending(event, position), RejectionCode.APPLY_FAILED, message)
            .block(TRANSACTION_TIMEOUT);
    LOG.error(
        "gave up on {}-{}@{} ({}) after {} attempts; audited as {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        outcome.type().eventName(),
        policy.attempts(),
        RejectionCode.APPLY_FAILED.code(),
        cause.toString());
    observers.forEach(observer -> observer.committed(outcome, position));
    deadLetters.accept(record, new EventApplyFailedException(message + ": " + cause, cause));
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The dead letter's reason for an event the provisioner gave up on. */
  static final class EventApplyFailedException extends RuntimeException {
    EventApplyFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
