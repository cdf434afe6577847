package dev.poststack.dashboard.mailbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One mailbox as the pages show it, read from the API's mailbox object: what a person reads, not
 * what the API sends. Pure, so the wording is tested without a browser.
 *
 * @param propagation e.g. "live on 3 of 3 hosts" or "pending on mh-2 (2 of 3 hosts)"
 * @param live whether every live host applied the latest change (the page stops asking then)
 * @param usagePercent 0..100 of the quota, or -1 when no host reported usage yet
 */
record MailboxRow(
    long id,
    String publicId,
    String address,
    String displayName,
    String status,
    String propagation,
    boolean live,
    String usage,
    int usagePercent,
    String lastLogin,
    String quota,
    long quotaBytes) {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static MailboxRow of(JsonNode m) {
    long quota = m.path("quotaBytes").asLong();
    JsonNode used = m.path("usedBytes");
    int percent =
        used.isNumber() && quota > 0
            ? (int) Math.min(100, Math.round(used.asLong() * 100.0 / quota))
            : -1;
    JsonNode p = m.path("propagation");
    return new MailboxRow(
        m.path("id").asLong(),
        m.path("publicId").asString(),
        m.path("emailAddress").asString(),
        text(m.path("displayName")),
        m.path("status").asString(),
        propagation(p),
        live(p),
        used.isNumber() ? bytes(used.asLong()) + " of " + bytes(quota) : "no report yet",
        percent,
        when(text(m.path("lastLoginAt")), "never"),
        bytes(quota),
        quota);
  }

  static String propagation(JsonNode p) {
    if (p.isMissingNode() || p.isNull()) {
      return "";
    }
    long hosts = p.path("hosts").asLong();
    long applied = p.path("applied").asLong();
    if (hosts == 0) {
      return "no mail host is live";
    }
    if (applied >= hosts) {
      return "live on " + applied + " of " + hosts + (hosts == 1 ? " host" : " hosts");
    }
    List<String> pending = new ArrayList<>();
    p.path("pending").forEach(h -> pending.add(h.asString()));
    return "pending on "
        + String.join(", ", pending)
        + " ("
        + applied
        + " of "
        + hosts
        + (hosts == 1 ? " host" : " hosts")
        + ")";
  }

  static boolean live(JsonNode p) {
    return !p.isMissingNode()
        && !p.isNull()
        && p.path("hosts").asLong() > 0
        && p.path("applied").asLong() >= p.path("hosts").asLong();
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return trim(n / (double) (1L << 30)) + " GB";
    }
    if (n >= 1L << 20) {
      return trim(n / (double) (1L << 20)) + " MB";
    }
    if (n >= 1L << 10) {
      return trim(n / (double) (1L << 10)) + " KB";
    }
    return n + " bytes";
  }

  static String when(String iso, String none) {
    if (iso == null || iso.isEmpty()) {
      return none;
    }
    try {
      return WHEN.format(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? "" : n.asString();
  }
}
