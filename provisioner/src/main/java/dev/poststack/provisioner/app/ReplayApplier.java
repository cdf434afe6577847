package dev.poststack.provisioner.app;

import dev.poststack.provisioner.replay.RecordApplier;
import dev.poststack.schemas.EventCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * The replay's way into {@link EventProcessor#processAll}: the listener's decoding and the
 * listener's transaction, without its Kafka container, dead letters or back-off. Like the listener,
 * a failed batch is applied again record by record; a record that fails on its own stops the replay
 * (the live path would retry it, then give up with an audited refusal, which the log alone cannot
 * reproduce).
 */
@Component
class ReplayApplier implements RecordApplier {
  /** A replay batch is larger than a live poll; a healthy one still takes seconds, not minutes. */
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final EventCodec codec;
  private final EventProcessor processor;

  ReplayApplier(EventCodec codec, EventProcessor processor) {
    this.codec = codec;
    this.processor = processor;
  }

  @Override
  public Applied apply(List<ConsumerRecord<String, byte[]>> records) {
    List<DecodedRecord> decoded = records.stream().map(r -> DecodedRecord.of(codec, r)).toList();
    List<EventProcessor.Pending> events =
        decoded.stream().filter(d -> d.event() != null).map(DecodedRecord::pending).toList();
    List<RecordOutcome> outcomes;
    try {
      outcomes = processor.processAll(events).block(TIMEOUT);
    } catch (RuntimeException batchFailed) {
      outcomes = events.stream().map(this::alone).toList();
    }
    return count(Objects.requireNonNull(outcomes), decoded.size() - events.size());
  }

  private RecordOutcome alone(EventProcessor.Pending pending) {
    try {
      return processor.processAll(List.of(pending)).block(TIMEOUT).get(0);
    } catch (RuntimeException failure) {
      throw new IllegalStateException(
          "applying "
              + pending.position().topic()
              + "-"
              + pending.position().partition()
              + "@"
              + pending.position().offset()
              + " failed: "
              + failure.getMessage(),
          failure);
    }
  }

  private static Applied count(List<RecordOutcome> outcomes, int undecodable) {
    int applied = 0;
    int rejected = 0;
    int duplicates = 0;
    for (RecordOutcome o : outcomes) {
      switch (o.result()) {
        case APPLIED -> applied++;
        case REJECTED -> rejected++;
        case DUPLICATE -> duplicates++;
      }
    }
    return new Applied(applied, rejected, duplicates, undecodable);
  }
}
