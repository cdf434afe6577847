package dev.poststack.provisioner.activity;

import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.UndecodableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin edge for {@code poststack.host-activity}: decode a poll's records, apply them in one
 * transaction ({@link ActivityApplier}), return; the container commits the offsets after that
 * (AckMode BATCH), so a crash re-applies the batch, which the monotonic rules make harmless.
 *
 * <p>A record that cannot be decoded, or carries nothing usable, is counted and skipped, never
 * dead-lettered or retried: an observation is superseded by the host's next one, so skipping it
 * loses nothing worth a stalled partition. Its value is never logged (it names a person's address
 * and when they logged in). A failed transaction (the database is down) fails the batch, which the
 * container retries with back-off for as long as it takes.
 */
@Component
class ActivityListener {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityListener.class);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);
  static final String METRIC = "poststack.activity.records";

  private final ActivityApplier applier;
  private final MeterRegistry metrics;
  private final List<ActivityObserver> observers;
  private final Clock clock = Clock.systemUTC();

  ActivityListener(
      ActivityApplier applier, MeterRegistry metrics, List<ActivityObserver> observers) {
    this.applier = applier;
    this.metrics = metrics;
    this.observers = observers;
  }

  @KafkaListener(
      id = "activity",
      topics = "#{T(dev.poststack.schemas.Topics).HOST_ACTIVITY.name()}",
      groupId = "${poststack.provisioner.activity.group-id:poststack-activity}",
      containerFactory = ActivityWiring.ACTIVITY_FACTORY)
  void onBatch(List<ConsumerRecord<String, byte[]>> records) {
    Instant now = clock.instant();
    List<Observation> observations = new ArrayList<>(records.size());
    int undecodable = 0;
    int unusable = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      Optional<Observation> observation;
      try {
        observation =
            record.value() == null
                ? Optional.empty()
                : Observation.of(HostRecordCodec.decodeActivity(record.value()), now);
      } catch (UndecodableEventException e) {
        LOG.error(
            "skipped undecodable mailbox activity {}-{}@{} ({} bytes)",
            record.topic(),
            record.partition(),
            record.offset(),
            record.value().length);
        undecodable++;
        continue;
      }
      if (observation.isPresent()) {
        observations.add(observation.get());
      } else {
        unusable++;
      }
    }
    ActivityPlan plan = applier.apply(observations).block(TRANSACTION_TIMEOUT);
    count("undecodable", undecodable);
    count("unusable", unusable);
    plan.outcomes().forEach((outcome, n) -> count(outcome.name().toLowerCase(Locale.ROOT), n));
    if (!plan.notices().isEmpty()) {
      metrics.counter("poststack.activity.usage.notices").increment(plan.notices().size());
    }
    observers.forEach(observer -> observer.committed(plan));
  }

  private void count(String outcome, int n) {
    if (n > 0) {
      metrics.counter(METRIC, "outcome", outcome).increment(n);
    }
  }
}
