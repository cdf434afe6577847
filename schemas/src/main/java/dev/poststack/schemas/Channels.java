package dev.poststack.schemas;

/**
 * The one catalogue of PostgreSQL NOTIFY channels, like {@link Topics} for Kafka: the writer that
 * NOTIFYs and the readers that LISTEN take the name from here, so they cannot drift apart.
 */
public final class Channels {
  private Channels() {}

  /**
   * An event's outcome is in the audit log (payload: the event id). NOTIFYed by the provisioner in
   * the apply transaction; the API's outcome wait LISTENs.
   */
  public static final String OUTCOME = "poststack_outcome";

  /** New host-entry outbox rows to relay (no payload). NOTIFYed and LISTENed by the provisioner. */
  public static final String OUTBOX = "poststack_outbox";

  /**
   * An operator asks for a host-entry repair (payload: {@code <request id> missing|all}). NOTIFYed
   * by {@code bin/poststack admin hosts repair}; the provisioner LISTENs.
   */
  public static final String HOST_REPAIR = "poststack_host_repair";

  /**
   * A repair is done (payload: {@code <request id> <entries enqueued>}, or {@code <request id>
   * failed}). NOTIFYed by the provisioner; the operator command LISTENs.
   */
  public static final String HOST_REPAIR_DONE = "poststack_host_repair_done";
}
