package dev.poststack.provisioner.host;

import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Told after the broker acknowledged a batch and before the batch is marked published (the window
 * in which a crash makes the relay send the batch again). Must be quick and must not fail.
 */
public interface RelayObserver {
  void sent(List<OutboxRecord> batch, List<RecordMetadata> positions);
}
