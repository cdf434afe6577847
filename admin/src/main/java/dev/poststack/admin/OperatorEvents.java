package dev.poststack.admin;

import dev.poststack.controlplane.outcome.AuditOutcomes;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way an operator command changes state: publish the event the API would (keyed by domain,
 * acks=all, idempotent, no linger), then wait for the provisioner's verdict in the audit log,
 * polled (a CLI holds no LISTEN connection).
 */
public final class OperatorEvents implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);

  private final AdminDatabase db;
  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec = new EventCodec();
  private final Duration timeout;

  /** What the provisioner decided; {@code rejectionCode} is null when applied. */
  public record Outcome(UUID eventId, boolean applied, String rejectionCode, String message) {
    /** This outcome, or an error naming the rejection. */
    public Outcome requireApplied() {
      if (!applied) {
        throw new IllegalStateException("rejected: " + rejectionCode + " " + message);
      }
      return this;
    }
  }

  public OperatorEvents(AdminDatabase db, String kafkaBootstrapServers, Duration timeout) {
    this.db = db;
    this.timeout = timeout;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaBootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeout.toMillis()),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Publishes and returns the verdict; throws when Kafka refuses or no verdict comes in time. */
  public Outcome publishAndAwait(SpecificRecord event) {
    UUID eventId = Events.envelope(event).getEventId();
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.MAILBOX_EVENTS.name(), Events.partitionKey(event), codec.encode(event)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot publish to Kafka: " + e.getCause().getMessage(), e.getCause());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Outcome> found =
          db.jdbc()
              .query(
                  AuditOutcomes.BY_EVENT_ID,
                  Map.of("id", eventId),
                  (rs, n) ->
                      new Outcome(
                          eventId,
                          AuditOutcomes.applied(rs.getString(1)),
                          rs.getString(2),
                          rs.getString(3)));
      if (!found.isEmpty()) {
        return found.get(0);
      }
      sleep();
    }
    throw new IllegalStateException(
        "no outcome for event "
            + eventId
            + " within "
            + timeout
            + " (is the provisioner running?)");
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the outcome", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
