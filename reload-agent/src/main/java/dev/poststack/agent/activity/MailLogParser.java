package dev.poststack.agent.activity;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads mail_log's delivery lines out of the Dovecot log (pure). The rendered configuration asks
 * for {@code mail_log_fields = uid box msgid size from subject}; Dovecot writes them as {@code
 * key=value} joined by {@code ", "}, in this order, without quoting. Values may themselves contain
 * {@code ", "} (a subject usually does), so each value runs up to the next expected key, and the
 * subject, written last, takes the rest of the line.
 */
final class MailLogParser {
  private static final Pattern PREFIX =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) lmtp\\(([^()\\s]+)\\)(?:<[^>]*>)*: Info:"
              + " save: (box=.*)$");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final List<String> KEYS =
      List.of("box", "uid", "msgid", "size", "from", "subject");

  private MailLogParser() {}

  /** The delivery a line records, or empty for every other line of the log. */
  public static Optional<MailLogLine> parse(String line, ZoneId zone) {
    Matcher m = PREFIX.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> fields = fields(m.group(3));
    String box = fields.get("box");
    String uid = fields.get("uid");
    String size = fields.get("size");
    if (box == null || box.isEmpty() || uid == null || !uid.matches("\\d{1,10}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new MailLogLine(
              LocalDateTime.parse(m.group(1), TIME).atZone(zone).toInstant(),
              m.group(2),
              box,
              Long.parseLong(uid),
              nonEmpty(fields.get("msgid")),
              size != null && size.matches("\\d{1,18}") ? Long.parseLong(size) : 0,
              nonEmpty(fields.get("from")),
              nonEmpty(fields.get("subject"))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** {@code box=…, uid=…, …}: each value ends where the next known key begins. */
  private static Map<String, String> fields(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int keyAt = 0;
    String key = KEYS.get(0);
    for (int k = 1; k <= KEYS.size(); k++) {
      int valueAt = keyAt + key.length() + 1;
      int next = -1;
      String nextKey = null;
      for (int j = k; j < KEYS.size() && next < 0; j++) {
        next = text.indexOf(", " + KEYS.get(j) + "=", valueAt);
        nextKey = KEYS.get(j);
      }
      out.put(key, text.substring(valueAt, next < 0 ? text.length() : next));
      if (next < 0) {
        break;
      }
      keyAt = next + 2;
      key = nextKey;
      k = KEYS.indexOf(nextKey);
    }
    return out;
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
