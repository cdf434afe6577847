package dev.poststack.provisioner.replay;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The live apply path as the replay sees it: records of the events topic, decoded as the listener
 * decodes them and applied in one transaction by the same processor. Implemented in {@code app}
 * (which may use every package) so that this package needs nothing of the module's inside.
 */
public interface RecordApplier {

  /** Applies {@code records} in their order; throws when a record cannot be applied at all. */
  Applied apply(List<ConsumerRecord<String, byte[]>> records);

  /** What one call came to; {@code undecodable} are the records the live path dead-letters. */
  record Applied(int applied, int rejected, int duplicates, int undecodable) {}
}
