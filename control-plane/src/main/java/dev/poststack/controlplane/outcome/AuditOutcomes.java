package dev.poststack.controlplane.outcome;

/**
 * How whoever published an event learns what the provisioner decided: the audit log's row for it
 * (written in the apply transaction, with a NOTIFY). The API awaits it by LISTEN/NOTIFY, the
 * operator tools poll it; both read it with this query.
 */
public final class AuditOutcomes {
  private AuditOutcomes() {}

  /**
   * Named parameter {@code :id} (the event id); columns outcome, rejection_code, rejection_message.
   */
  public static final String BY_EVENT_ID =
      "select outcome, rejection_code, rejection_message from audit_event where event_id = :id";

  /** The outcome column's value for an applied event; anything else is a rejection. */
  public static boolean applied(String outcome) {
    return "applied".equals(outcome);
  }
}
