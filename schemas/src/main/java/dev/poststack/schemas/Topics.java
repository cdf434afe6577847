package dev.poststack.schemas;

import java.util.List;

/** The one catalogue of Kafka topics; no topic name is spelled anywhere else. */
public final class Topics {
  private Topics() {}

  /** The log of record: every provisioning event, keyed by domain id. */
  public static final TopicSpec MAILBOX_EVENTS =
      new TopicSpec("poststack.mailbox-events", 3, TopicSpec.Cleanup.DELETE_NEVER);

  /** Records the provisioner could not decode, with the reason in headers. */
  public static final TopicSpec MAILBOX_EVENTS_DLT =
      new TopicSpec("poststack.mailbox-events.dlt", 1, TopicSpec.Cleanup.DELETE_NEVER);

  public static List<TopicSpec> all() {
    return List.of(MAILBOX_EVENTS, MAILBOX_EVENTS_DLT);
  }
}
