package dev.poststack.provisioner.app;

import dev.poststack.schemas.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Thin edge: decode a poll's records, apply them in one transaction, return. Blocking on purpose:
 * the container commits the batch's offsets only after the method returns (AckMode BATCH), so a
 * crash at any point redelivers the batch and the dedupe claims make the redelivery harmless.
 *
 * <ul>
 *   <li>A record that cannot be decoded, or an event without a rule, is left out of the transaction
 *       and dead-lettered (synchronously, with the reason) after the commit, before the offsets;
 *       the partition moves on.
 *   <li>If the batch's transaction fails, the batch is applied again record by record, each in its
 *       own transaction, in order. A record that fails on its own stops there with a {@link
 *       BatchListenerFailedException}: the records before it are committed (their offsets too), and
 *       it and everything after it are redelivered after the error handler's back-off ({@link
 *       KafkaWiring}). A database outage fails the first record, so the whole batch comes again; a
 *       record that fails for a reason of its own no longer holds back the ones before it, and
 *       after {@link RetryPolicy#attempts()} the provisioner gives up on it ({@link
 *       GiveUpRecoverer}) unless the database cannot even record that.
 *   <li>One consumer per partition: while a record waits out its back-off, the other partitions
 *       (the other domains) go on.
 * </ul>
 */
@Component
class MailboxEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxEventListener.class);

  /** Longer than any healthy transaction; a hung one is cancelled, rolled back and retried. */
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

  private final EventCodec codec;
  private final EventProcessor processor;
  private final ConsumerRecordRecoverer deadLetters;
  private final List<OutcomeObserver> observers;

  MailboxEventListener(
      EventCodec codec,
      EventProcessor processor,
      ConsumerRecordRecoverer mailboxEventDeadLetters,
      List<OutcomeObserver> observers) {
    this.codec = codec;
    this.processor = processor;
    this.deadLetters = mailboxEventDeadLetters;
    this.observers = observers;
  }

  @KafkaListener(
      id = "provisioner",
      topics = "#{T(dev.poststack.schemas.Topics).MAILBOX_EVENTS.name()}",
      groupId = "${poststack.provisioner.group-id:poststack-provisioner}",
      containerFactory = KafkaWiring.MAILBOX_EVENTS_FACTORY)
  void onBatch(List<ConsumerRecord<String, byte[]>> records) {
    List<DecodedRecord> decoded = records.stream().map(r -> DecodedRecord.of(codec, r)).toList();
    List<EventProcessor.Pending> events = new ArrayList<>();
    decoded.forEach(
        d -> {
          if (d.event() != null) {
            events.add(d.pending());
          }
        });
    List<RecordOutcome> outcomes;
    try {
      outcomes = processor.processAll(events).block(TRANSACTION_TIMEOUT);
    } catch (RuntimeException failure) {
      if (decoded.size() > 1) {
        LOG.warn(
            "batch of {} records failed ({}); applying them one by one",
            decoded.size(),
            failure.toString());
      }
      oneByOne(decoded);
      return;
    }
    // committed: dead-letter what could not be decoded, then tell the observers, in record order
    int next = 0;
    for (int i = 0; i < decoded.size(); i++) {
      DecodedRecord d = decoded.get(i);
      if (d.event() == null) {
        deadLetter(d, i);
      } else {
        committed(outcomes.get(next++), d);
      }
    }
  }

  private void oneByOne(List<DecodedRecord> decoded) {
    for (int i = 0; i < decoded.size(); i++) {
      DecodedRecord d = decoded.get(i);
      if (d.event() == null) {
        deadLetter(d, i);
        continue;
      }
      RecordOutcome outcome;
      try {
        outcome = processor.processAll(List.of(d.pending())).block(TRANSACTION_TIMEOUT).get(0);
      } catch (RuntimeException failure) {
        throw new BatchListenerFailedException("applying " + d.position() + " failed", failure, i);
      }
      committed(outcome, d);
    }
  }

  private void deadLetter(DecodedRecord d, int index) {
    try {
      deadLetters.accept(d.record(), d.failure());
    } catch (RuntimeException failure) {
      // nothing at or after this record has its offset committed; it comes again
      throw new BatchListenerFailedException(
          "dead-lettering " + d.position() + " failed", failure, index);
    }
  }

  private void committed(RecordOutcome outcome, DecodedRecord d) {
    observers.forEach(observer -> observer.committed(outcome, d.position()));
  }
}
