package dev.poststack.admin.host;

import dev.poststack.controlplane.host.HostState;
import dev.poststack.controlplane.host.HostView;
import dev.poststack.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code poststack hosts remove ID}: publishes a tombstone for the host on the status topic (the
 * provisioner owns {@code mail_host}, ADR 0005, and marks the host removed when it reads it), then
 * waits for the registry to show it removed.
 */
public final class HostRemoval {
  private static final Duration POLL = Duration.ofMillis(100);

  private final HostRegistryReads registry;
  private final String bootstrapServers;
  private final Duration wait;

  public HostRemoval(HostRegistryReads registry, String bootstrapServers, Duration wait) {
    this.registry = registry;
    this.bootstrapServers = bootstrapServers;
    this.wait = wait;
  }

  public HostView remove(String hostId) {
    HostView before =
        registry
            .one(hostId)
            .orElseThrow(() -> new NoSuchElementException("no host '" + hostId + "' registered"));
    if (before.state() == HostState.REMOVED) {
      return before;
    }
    publishTombstone(hostId);
    long deadline = System.nanoTime() + wait.toNanos();
    HostView now = before;
    while (System.nanoTime() < deadline) {
      now = registry.one(hostId).orElse(now);
      if (now.state() == HostState.REMOVED) {
        return now;
      }
      try {
        Thread.sleep(POLL.toMillis()); // polling the provisioner's table: no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return now;
  }

  private void publishTombstone(String hostId) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            15_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(Topics.HOST_STATUS.name(), hostId, null))
          .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      throw new IllegalStateException(
          "cannot publish the removal to " + Topics.HOST_STATUS.name() + " (is Kafka up?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the removal", e);
    }
  }
}
