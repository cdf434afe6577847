package dev.poststack.provisioner.replay;

import java.util.List;

/**
 * Every table whose content is the provisioner's state, rebuilt from the log alone (ADR 0005), in
 * one place: the compare checks these, a rebuild refuses a database where any holds a row. Left
 * out: the relay's bookkeeping ({@code host_entry_outbox}, {@code host_entry_position}, {@code
 * host_entry_object_position}: where the relay published, not what was decided), {@code mail_host*}
 * (the hosts' reports, from another topic), {@code usage_notice} (a queue the webhook dispatcher
 * drains), the columns that say when a row was written rather than what it holds, and the mailbox's
 * observation columns: what hosts saw (logins, usage; {@code activity}), applied from {@code
 * poststack.host-activity}, never from the event log, so a replay leaves them empty.
 */
final class StateTables {
  /** A table, the columns that identify a row, and the columns that are not state. */
  record StateTable(String name, List<String> key, List<String> notState) {}

  /** Written by the activity listener from what hosts report, not by any event. */
  static final List<String> MAILBOX_OBSERVATIONS =
      List.of(
          "last_login_at",
          "used_bytes",
          "message_count",
          "usage_reported_at",
          "quota_notice_level");

  static final List<StateTable> ALL =
      List.of(
          new StateTable("domain", List.of("id"), List.of()),
          new StateTable("mailbox", List.of("id"), MAILBOX_OBSERVATIONS),
          new StateTable("alias", List.of("id"), List.of()),
          new StateTable("dkim_key", List.of("domain_id", "selector"), List.of()),
          new StateTable("team_usage", List.of("team_id"), List.of()),
          new StateTable("processed_event", List.of("event_id"), List.of("processed_at")),
          // the serial id numbers rows in apply order, which a replay need not repeat exactly
          new StateTable("audit_event", List.of("event_id"), List.of("id", "recorded_at")));

  /** The sequences the API draws object ids from, and where a replayed id of each kind appears. */
  record IdSequence(String sequence, String table, String auditColumn) {}

  static final List<IdSequence> ID_SEQUENCES =
      List.of(
          new IdSequence("domain_id_seq", "domain", "domain_id"),
          new IdSequence("mailbox_id_seq", "mailbox", "mailbox_id"),
          new IdSequence("alias_id_seq", "alias", "alias_id"));

  private StateTables() {}
}
