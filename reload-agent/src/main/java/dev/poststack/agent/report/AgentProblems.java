package dev.poststack.agent.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What has gone wrong on this host, kept for the next report (JOSDK publishes a failure as status;
 * so do we). Per source, the latest error stands until that source succeeds again; the refused
 * entries are the keys whose latest record the agent would not write, until a valid record of the
 * key is applied. Both are bounded and cleaned: a report is small, one line per error, and carries
 * no password hash or key material even if an exception message quoted one. Used by the reconcile
 * thread only.
 */
public final class AgentProblems {
  /** Where an error came from; each clears on its own next success. */
  public enum Source {
    APPLY,
    DAEMON_EFFECTS,
    SIGNING_FILES
  }

  static final int MAX_MESSAGE = 300;
  static final int MAX_REFUSED = 100;
  private static final Pattern SCHEMED_HASH = Pattern.compile("\\{[A-Z0-9.-]{2,20}\\}\\S*");
  private static final Pattern CRYPT_HASH = Pattern.compile("\\$[0-9a-z]{1,9}\\$\\S+");
  private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{40,}");

  private final Map<Source, AppliedStatus.LastError> errors = new EnumMap<>(Source.class);
  private final LinkedHashMap<String, String> refused = new LinkedHashMap<>();

  public void failed(Source source, String message, Instant at) {
    String what = source.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    errors.put(source, new AppliedStatus.LastError(clean(what + ": " + message), at));
  }

  public void succeeded(Source source) {
    errors.remove(source);
  }

  /**
   * After a burst is applied: its refused records' keys join the list (latest reason), every other
   * key of the burst leaves it, since its latest record was written.
   */
  public void applied(Collection<String> burstKeys, List<AppliedStatus.Refused> refusals) {
    Map<String, String> now = new LinkedHashMap<>();
    for (AppliedStatus.Refused r : refusals) {
      now.put(clean(r.key()), clean(r.reason()));
    }
    for (String key : burstKeys) {
      if (!now.containsKey(key)) {
        refused.remove(key);
      }
    }
    now.forEach(
        (key, reason) -> {
          refused.remove(key); // re-inserted last: the oldest refusal is dropped first
          refused.put(key, reason);
        });
    while (refused.size() > MAX_REFUSED) {
      refused.remove(refused.keySet().iterator().next());
    }
  }

  public AppliedStatus.Problems snapshot() {
    Optional<AppliedStatus.LastError> last =
        errors.values().stream().max(Comparator.comparing(AppliedStatus.LastError::at));
    List<AppliedStatus.Refused> list = new ArrayList<>();
    refused.forEach((k, v) -> list.add(new AppliedStatus.Refused(k, v)));
    return new AppliedStatus.Problems(last, list);
  }

  /** One line, bounded, with anything that looks like a hash or a key replaced. */
  static String clean(String message) {
    String m = message == null ? "(no message)" : message;
    m = m.replaceAll("[\\p{Cntrl}]+", " ").strip();
    m = SCHEMED_HASH.matcher(m).replaceAll("{…}");
    m = CRYPT_HASH.matcher(m).replaceAll("\\$…");
    m = LONG_TOKEN.matcher(m).replaceAll("…");
    return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
