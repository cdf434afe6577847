package dev.poststack.admin.audit;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.controlplane.audit.AuditRows;
import dev.poststack.launcher.spi.EventHistory.Event;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * An operator's read of the provisioner's {@code audit_event} ({@code admin events}): one address's
 * or one domain's history across teams, newest first, with the acting key's name from {@code
 * api_key} (never its hash). Reads only; the provisioner is the table's one writer.
 */
public final class AuditHistory {
  public static final int MAX_LIMIT = 1000;

  private static final String SELECT = AuditRows.SELECT;

  // every mailbox and alias that ever held the address, and creates refused for it (their id
  // never became a row, so only the event's own fields name the address). Matched by (team, id),
  // so the audit table's per-team indexes serve an operator's read across teams too. Addresses
  // and names are stored lower-case, as the API normalises them.
  private static final String OF_ADDRESS =
      """
       where (e.team_id, e.mailbox_id) in (select team_id, id from mailbox where email_address = :address)
          or (e.team_id, e.alias_id) in (select team_id, id from alias where alias_address = :address)
          or ((e.team_id, e.domain_id) in (select team_id, id from domain where name = :domain)
              and e.outcome = 'rejected' and e.event_type in ('MailboxCreated', 'AliasCreated')
              and lower(e.details ->> 'localPart') = :localPart)
      """;

  private static final String OF_DOMAIN =
      " where (e.team_id, e.domain_id) in (select team_id, id from domain where name = :domain)";

  private static final String ORDER = " order by e.occurred_at desc, e.id desc limit :limit";

  private final AdminDatabase db;

  /** Needs the API's tables for the keys' names: see {@link AdminDatabase#withApiSchema()}. */
  public AuditHistory(AdminDatabase db) {
    this.db = db;
  }

  /**
   * @throws NoSuchElementException when no mailbox or alias ever had the address
   */
  public List<Event> ofAddress(String address, int limit) {
    String normalized = address.trim().toLowerCase(Locale.ROOT);
    int at = normalized.lastIndexOf('@');
    if (at <= 0 || at == normalized.length() - 1) {
      throw new IllegalArgumentException(
          "--address must be an email address, got '" + address + "'");
    }
    NamedParameterJdbcTemplate jdbc = db.jdbc();
    Map<String, Object> params =
        Map.of(
            "address",
            normalized,
            "localPart",
            normalized.substring(0, at),
            "domain",
            normalized.substring(at + 1),
            "limit",
            checked(limit));
    Boolean known =
        jdbc.queryForObject(
            "select exists (select 1 from mailbox where email_address = :address)"
                + " or exists (select 1 from alias where alias_address = :address)",
            params,
            Boolean.class);
    if (!Boolean.TRUE.equals(known)) {
      throw new NoSuchElementException(
          "no mailbox or alias has ever had the address " + normalized);
    }
    return jdbc.query(SELECT + OF_ADDRESS + ORDER, params, AuditHistory::event);
  }

  /**
   * @throws NoSuchElementException when no domain ever had the name
   */
  public List<Event> ofDomain(String domain, int limit) {
    String normalized = domain.trim().toLowerCase(Locale.ROOT);
    NamedParameterJdbcTemplate jdbc = db.jdbc();
    Map<String, Object> params = Map.of("domain", normalized, "limit", checked(limit));
    Boolean known =
        jdbc.queryForObject(
            "select exists (select 1 from domain where name = :domain)", params, Boolean.class);
    if (!Boolean.TRUE.equals(known)) {
      throw new NoSuchElementException("no domain has ever had the name " + normalized);
    }
    return jdbc.query(SELECT + OF_DOMAIN + ORDER, params, AuditHistory::event);
  }

  private static int checked(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("--limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static Event event(ResultSet rs, int row) throws SQLException {
    Timestamp at = rs.getTimestamp("occurred_at");
    return new Event(
        rs.getString("event_id"),
        rs.getString("event_type"),
        at == null ? null : at.toInstant(),
        rs.getLong("team_id"),
        rs.getString("actor_kind"),
        rs.getString("actor_id"),
        rs.getString("key_name"),
        rs.getString("request_id"),
        rs.getString("client_request_id"),
        rs.getString("source_ip"),
        rs.getString("user_agent"),
        rs.getObject("domain_id", Long.class),
        rs.getObject("mailbox_id", Long.class),
        rs.getObject("alias_id", Long.class),
        rs.getString("outcome"),
        rs.getString("rejection_code"),
        rs.getString("rejection_message"),
        rs.getString("changes"));
  }
}
