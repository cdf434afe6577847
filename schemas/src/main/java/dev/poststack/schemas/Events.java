package dev.poststack.schemas;

import dev.poststack.schemas.event.Envelope;
import org.apache.avro.specific.SpecificRecord;

/** Reads the members every event carries, whatever its type. */
public final class Events {
  private Events() {}

  public static Envelope envelope(SpecificRecord event) {
    return (Envelope) event.get(event.getSchema().getField("envelope").pos());
  }

  /** The partition key of every event: all changes to one domain are applied in order. */
  public static long domainId(SpecificRecord event) {
    return (Long) event.get(event.getSchema().getField("domainId").pos());
  }

  public static String partitionKey(SpecificRecord event) {
    return Long.toString(domainId(event));
  }
}
