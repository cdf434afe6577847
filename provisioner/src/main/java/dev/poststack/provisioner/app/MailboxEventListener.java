package dev.poststack.provisioner.app;

import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.schemas.EventCodec;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin edge: decode, run the event's transaction, return. Blocking on purpose: the container
 * commits this record's offset only after the method returns (AckMode RECORD), so a crash at any
 * point redelivers the record and the dedupe claim makes the redelivery harmless. Decoding and
 * transient failures are routed by the error handler in {@link KafkaWiring}.
 */
@Component
class MailboxEventListener {
  /** Longer than any healthy transaction; a hung one is cancelled, rolled back and retried. */
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

  private final EventCodec codec;
  private final EventProcessor processor;
  private final List<OutcomeObserver> observers;

  MailboxEventListener(EventCodec codec, EventProcessor processor, List<OutcomeObserver> observers) {
    this.codec = codec;
    this.processor = processor;
    this.observers = observers;
  }

  @KafkaListener(
      id = "provisioner",
      topics = "#{T(dev.poststack.schemas.Topics).MAILBOX_EVENTS.name()}",
      groupId = "${poststack.provisioner.group-id:poststack-provisioner}")
  void onRecord(ConsumerRecord<String, byte[]> record) {
    SpecificRecord event = codec.decode(record.value());
    KafkaPosition position = new KafkaPosition(record.topic(), record.partition(), record.offset());
    Outcome outcome = processor.process(event, position).block(TRANSACTION_TIMEOUT);
    observers.forEach(observer -> observer.committed(outcome, position));
  }
}
