package dev.poststack.provisioner.rules;

import dev.poststack.schemas.EventType;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the provisioner knows about one event type, in one class: which rows it reads and how
 * it decides. Pure: no clock, no I/O, no Spring. {@link Provisioning} finds it by {@link
 * EventType}; adding an event means a schema, an {@code EventType} and one rule.
 *
 * @param <E> the event this rule decides
 */
interface Rule<E extends SpecificRecord> {

  EventType type();

  /** What to load into the snapshot before {@link #decide}; everything else stays empty. */
  List<Read> reads(E event);

  /** The rows to write, or why not; every timestamp is the event's {@code occurredAt}. */
  Decision decide(Snapshot current, E event);
}
