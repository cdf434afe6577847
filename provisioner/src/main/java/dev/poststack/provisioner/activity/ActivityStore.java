package dev.poststack.provisioner.activity;

import dev.poststack.provisioner.activity.Observation.Usage;
import dev.poststack.provisioner.tx.MandatoryTransaction;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The observation columns of {@code mailbox} and the {@code usage_notice} queue: one statement per
 * step and batch, never one per record. Timestamps travel as ISO text arrays, as the audit log's
 * do.
 */
@Component
class ActivityStore {
  private final DatabaseClient db;

  ActivityStore(DatabaseClient db) {
    this.db = db;
  }

  /**
   * The rows the batch names — by id, and the live ones by address — locked until commit in id
   * order (two batches lock in the same order, so they cannot deadlock each other). {@code FOR NO
   * KEY UPDATE}: an alias created meanwhile only needs a key-share lock on its destination, and
   * does not wait for activity.
   */
  Mono<List<ObservedMailbox>> lock(Collection<Long> ids, Collection<String> addresses) {
    return MandatoryTransaction.require(
        "activity",
        db.sql(
                "select m.id, m.team_id, m.email_address, m.status <> 'deleted' as live,"
                    + " d.status = 'verified' as verified, m.quota_bytes, m.last_login_at,"
                    + " m.used_bytes, m.message_count, m.usage_reported_at, m.quota_notice_level"
                    + " from mailbox m join domain d on d.id = m.domain_id where m.id ="
                    + " any(:ids::int8[]) or (m.email_address = any(:addresses::text[]) and"
                    + " m.status <> 'deleted') order by m.id for no key update of m")
            .bind("ids", ids.toArray(Long[]::new))
            .bind("addresses", addresses.toArray(String[]::new))
            .map((row, meta) -> observed(row))
            .all()
            .collectList());
  }

  /** Sets the rows' observation columns to what the plan decided (under the lock taken above). */
  Mono<Void> write(List<ObservedMailbox> changed) {
    if (changed.isEmpty()) {
      return Mono.empty();
    }
    int n = changed.size();
    Long[] ids = new Long[n];
    String[] logins = new String[n];
    Long[] used = new Long[n];
    Long[] messages = new Long[n];
    String[] observed = new String[n];
    Integer[] levels = new Integer[n];
    for (int i = 0; i < n; i++) {
      ObservedMailbox row = changed.get(i);
      ids[i] = row.id();
      logins[i] = text(row.lastLoginAt());
      Usage usage = row.usage();
      used[i] = usage == null ? null : usage.usedBytes();
      messages[i] = usage == null ? null : usage.messageCount();
      observed[i] = usage == null ? null : text(usage.observedAt());
      levels[i] = row.quotaNoticeLevel();
    }
    return MandatoryTransaction.require(
        "activity",
        db.sql(
                "update mailbox m set last_login_at = u.login::timestamptz, used_bytes = u.used,"
                    + " message_count = u.messages, usage_reported_at = u.observed::timestamptz,"
                    + " quota_notice_level = u.level from unnest(:ids::int8[], :logins::text[],"
                    + " :used::int8[], :messages::int8[], :observed::text[], :levels::int4[]) as"
                    + " u(id, login, used, messages, observed, level) where m.id = u.id")
            .bind("ids", ids)
            .bind("logins", logins)
            .bind("used", used)
            .bind("messages", messages)
            .bind("observed", observed)
            .bind("levels", levels)
            .then());
  }

  /** Queues the notices for the webhook dispatcher, in the transaction of the usage they report. */
  Mono<Void> queue(List<UsageNotice> notices) {
    if (notices.isEmpty()) {
      return Mono.empty();
    }
    return MandatoryTransaction.require(
        "usage notices",
        db.sql(
                "insert into usage_notice (team_id, mailbox_id, threshold, used_bytes,"
                    + " quota_bytes) select t, m, th, u, q from unnest(:teams::int8[],"
                    + " :mailboxes::int8[], :thresholds::int4[], :used::int8[], :quotas::int8[])"
                    + " with ordinality as n(t, m, th, u, q, i) order by i")
            .bind("teams", notices.stream().map(UsageNotice::teamId).toArray(Long[]::new))
            .bind("mailboxes", notices.stream().map(UsageNotice::mailboxId).toArray(Long[]::new))
            .bind(
                "thresholds", notices.stream().map(UsageNotice::threshold).toArray(Integer[]::new))
            .bind("used", notices.stream().map(UsageNotice::usedBytes).toArray(Long[]::new))
            .bind("quotas", notices.stream().map(UsageNotice::quotaBytes).toArray(Long[]::new))
            .then());
  }

  private static ObservedMailbox observed(Row row) {
    Long used = row.get("used_bytes", Long.class);
    Instant observedAt = row.get("usage_reported_at", Instant.class);
    Usage usage =
        used == null || observedAt == null
            ? null
            : new Usage(used, row.get("message_count", Long.class), observedAt);
    return new ObservedMailbox(
        row.get("id", Long.class),
        row.get("team_id", Long.class),
        row.get("email_address", String.class),
        Boolean.TRUE.equals(row.get("live", Boolean.class)),
        Boolean.TRUE.equals(row.get("verified", Boolean.class)),
        row.get("quota_bytes", Long.class),
        row.get("last_login_at", Instant.class),
        usage,
        row.get("quota_notice_level", Integer.class));
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
