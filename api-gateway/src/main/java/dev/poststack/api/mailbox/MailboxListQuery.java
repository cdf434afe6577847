package dev.poststack.api.mailbox;

import dev.poststack.api.problem.ApiException;
import dev.poststack.api.problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * {@code GET /mailboxes}' order ({@code sort}) and usage filter ({@code usage_above_percent}),
 * validated and turned into SQL that only ever holds our own column names and a bound number.
 *
 * <p>Each order is one index of V8 (provisioner) read forwards or backwards: the index keeps nulls
 * first, so ascending puts mailboxes without a report first and descending puts them last, and the
 * tie is broken by id in the same direction. Any other null placement or tie direction would not
 * match the index and PostgreSQL would sort the team's whole list for every page.
 *
 * @param usageAbovePercent when set, only mailboxes whose reported usage is at least this percent
 *     of their quota (never those without a report)
 * @param addressPrefix when set ({@code q}), only mailboxes whose address starts with it, compared
 *     in lower case (addresses are stored so); served by provisioner V11's pattern index
 * @param status when set, only mailboxes with this status ({@code active} or {@code suspended})
 */
record MailboxListQuery(
    Order order, Integer usageAbovePercent, String addressPrefix, String status) {
  static final int MAX_PERCENT = 1000;
  static final int MAX_QUERY = 254;

  /** The list's order before this existed: by id. */
  static final MailboxListQuery DEFAULT =
      new MailboxListQuery(new Order(Sort.ID, false), null, null, null);

  /** The answer's field names a client sorts by, and their columns. */
  enum Sort {
    ID("id", "m.id", false),
    CREATED_AT("createdAt", "m.created_at", false),
    USED_BYTES("usedBytes", "m.used_bytes", true),
    LAST_LOGIN_AT("lastLoginAt", "m.last_login_at", true);

    final String field;
    final String column;
    final boolean nullable;

    Sort(String field, String column, boolean nullable) {
      this.field = field;
      this.column = column;
      this.nullable = nullable;
    }
  }

  record Order(Sort by, boolean descending) {
    /** The ORDER BY clause (no leading space), tie broken by id. */
    String sql() {
      String direction = descending ? " desc" : " asc";
      if (by == Sort.ID) {
        return "order by m.id" + direction;
      }
      // nullable columns' indexes hold nulls first: asc nulls first / desc nulls last match it
      String nulls = !by.nullable ? "" : descending ? " nulls last" : " nulls first";
      return "order by " + by.column + direction + nulls + ", m.id" + direction;
    }
  }

  static MailboxListQuery from(MultiValueMap<String, String> query) {
    List<FieldError> errors = new ArrayList<>();
    Order order = order(query.getFirst("sort"), errors);
    Integer percent = percent(query.getFirst("usage_above_percent"), errors);
    String prefix = prefix(query.getFirst("q"), errors);
    String status = status(query.getFirst("status"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new MailboxListQuery(order, percent, prefix, status);
  }

  /** The filters' conditions (with a leading space), or "" without any. */
  String filterSql() {
    // numeric: used_bytes * 100 could pass bigint's range for the largest quotas
    String usage =
        usageAbovePercent == null
            ? ""
            : " and m.used_bytes is not null and m.used_bytes::numeric * 100 >="
                + " m.quota_bytes::numeric * :usagePercent";
    return usage
        + (addressPrefix == null ? "" : " and m.email_address like :addressPattern")
        + (status == null ? "" : " and m.status = :status");
  }

  /** The values of the named parameters {@link #filterSql} uses. */
  java.util.Map<String, Object> filterBinds() {
    java.util.Map<String, Object> binds = new java.util.LinkedHashMap<>();
    if (usageAbovePercent != null) {
      binds.put("usagePercent", usageAbovePercent);
    }
    if (addressPrefix != null) {
      // LIKE's own characters in the text are matched as themselves (backslash is its escape)
      binds.put("addressPattern", addressPrefix.replaceAll("([\\\\%_])", "\\\\$1") + "%");
    }
    if (status != null) {
      binds.put("status", status);
    }
    return binds;
  }

  private static String prefix(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = raw.strip().toLowerCase(java.util.Locale.ROOT);
    if (text.length() > MAX_QUERY || text.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      errors.add(
          new FieldError(
              "q", "must be the start of an address: up to " + MAX_QUERY + " visible characters"));
      return null;
    }
    return text;
  }

  private static String status(String raw, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (raw.equals("active") || raw.equals("suspended")) {
      return raw;
    }
    errors.add(new FieldError("status", "must be active or suspended"));
    return null;
  }

  private static Order order(String raw, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT.order();
    }
    boolean descending = raw.startsWith("-");
    String field = descending ? raw.substring(1) : raw;
    for (Sort sort : Sort.values()) {
      if (sort.field.equals(field)) {
        return new Order(sort, descending);
      }
    }
    errors.add(
        new FieldError(
            "sort",
            "must be one of "
                + Arrays.stream(Sort.values()).map(s -> s.field).collect(Collectors.joining(", "))
                + ", each optionally prefixed with - for descending"));
    return DEFAULT.order();
  }

  private static Integer percent(String raw, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= 0 && value <= MAX_PERCENT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the same answer as out of range
    }
    errors.add(
        new FieldError("usage_above_percent", "must be an integer between 0 and " + MAX_PERCENT));
    return null;
  }
}
