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

  /**
   * Desired mail-host entries, one record per entry key (value: the renderer's canonical line,
   * UTF-8; a tombstone removes the entry). Compacted, so a new host bootstraps from the beginning.
   */
  public static final TopicSpec HOST_ENTRIES =
      new TopicSpec("poststack.host-entries", 3, TopicSpec.Cleanup.COMPACT);

  /** Each host's latest {@code HostApplyReport}, keyed by host id. */
  public static final TopicSpec HOST_STATUS =
      new TopicSpec("poststack.host-status", 1, TopicSpec.Cleanup.COMPACT);

  /**
   * Requests from the control plane to one mail host ({@code HostResyncRequest}), keyed by host id;
   * compacted, so an agent that starts reads the latest request for it.
   */
  public static final TopicSpec HOST_COMMANDS =
      new TopicSpec("poststack.host-commands", 1, TopicSpec.Cleanup.COMPACT);

  /**
   * The API's own rows (teams, API keys, team limits) as JSON, one record per row keyed {@code
   * <table>:<primary key>}, a tombstone for a deleted row; relayed from the database's control
   * journal. Compacted: it holds the latest of every row, which replay --rebuild restores.
   */
  public static final TopicSpec CONTROL_RECORDS =
      new TopicSpec("poststack.control-records", 1, TopicSpec.Cleanup.COMPACT);

  /**
   * What mail hosts saw of their mailboxes ({@code MailboxActivity}: logins, usage), keyed by the
   * mailbox address; the provisioner keeps the latest in the mailbox rows.
   */
  public static final TopicSpec HOST_ACTIVITY =
      new TopicSpec("poststack.host-activity", 3, TopicSpec.Cleanup.DELETE_AFTER_A_WEEK);

  /**
   * Every message a mail host delivered into a mailbox ({@code MailDelivered}), keyed by the
   * mailbox address; the webhook dispatcher turns them into {@code email.inbound} deliveries.
   */
  public static final TopicSpec MAIL_DELIVERIES =
      new TopicSpec("poststack.mail-deliveries", 3, TopicSpec.Cleanup.DELETE_AFTER_A_WEEK);

  public static List<TopicSpec> all() {
    return List.of(
        MAILBOX_EVENTS,
        MAILBOX_EVENTS_DLT,
        HOST_ENTRIES,
        HOST_STATUS,
        HOST_COMMANDS,
        CONTROL_RECORDS,
        HOST_ACTIVITY,
        MAIL_DELIVERIES);
  }
}
