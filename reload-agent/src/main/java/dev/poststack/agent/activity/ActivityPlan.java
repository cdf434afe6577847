package dev.poststack.agent.activity;

import dev.poststack.schemas.host.MailboxActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * From the rows read in one poll to the records to send and the rows to delete once Kafka
 * acknowledged them (pure). One record per address: its latest login across services and its usage.
 * The deletions are exactly the rows read, each compared by value when deleted.
 */
record ActivityPlan(List<MailboxActivity> records, List<ActivityRow> deleteAfterAck) {

  static ActivityPlan of(
      String hostId,
      List<ActivityRow> rows,
      Function<String, Optional<Long>> mailboxIds,
      Instant readAt) {
    return of(hostId, rows, List.of(), mailboxIds, readAt);
  }

  /**
   * @param measured usage the agent read itself after deliveries: sent, newest, never deleted
   */
  static ActivityPlan of(
      String hostId,
      List<ActivityRow> rows,
      List<ActivityRow.Usage> measured,
      Function<String, Optional<Long>> mailboxIds,
      Instant readAt) {
    Map<String, MailboxActivity.Builder> byAddress = new TreeMap<>();
    List<ActivityRow> all = new ArrayList<>(rows);
    all.addAll(measured); // after the rows: read later, so it wins
    for (ActivityRow row : all) {
      String address = row.username().toLowerCase(Locale.ROOT);
      MailboxActivity.Builder b =
          byAddress.computeIfAbsent(
              address,
              a ->
                  MailboxActivity.newBuilder()
                      .setHostId(hostId)
                      .setAddress(a)
                      .setMailboxId(mailboxIds.apply(a).orElse(null))
                      .setReportedAt(readAt));
      if (row instanceof ActivityRow.Login login) {
        Instant at = Instant.ofEpochSecond(login.ts());
        if (b.getLastLoginAt() == null || at.isAfter(b.getLastLoginAt())) {
          b.setLastLoginAt(at).setLastLoginService(login.service());
        }
      } else if (row instanceof ActivityRow.Usage usage) {
        b.setUsedBytes(usage.bytes()).setMessageCount(usage.messages()).setUsageObservedAt(readAt);
      } else {
        throw new IllegalStateException("unknown activity row " + row);
      }
    }
    List<MailboxActivity> records = new ArrayList<>();
    byAddress.values().forEach(b -> records.add(b.build()));
    return new ActivityPlan(List.copyOf(records), List.copyOf(rows));
  }
}
