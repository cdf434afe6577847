package dev.poststack.controlplane.limit;

import java.util.Locale;
import java.util.Optional;

/**
 * The things a team may hold only so many of, each with its built-in default. An operator may
 * override any of them per team ({@code team_limit}); the API's settings ({@code
 * poststack.limits.<key>}) change the defaults for every team.
 */
public enum TeamLimit {
  /** Keys not revoked. */
  API_KEYS("api-keys", 25, "active API keys"),
  /** Live domains, verified or not. */
  DOMAINS("domains", 50, "domains"),
  /** Live domains not verified (pending or failed); they expire, see the API's README. */
  PENDING_DOMAINS("pending-domains", 10, "unverified domains"),
  /** Live mailboxes, active or suspended. */
  MAILBOXES("mailboxes", 10_000, "mailboxes"),
  /** Live aliases. */
  ALIASES("aliases", 10_000, "aliases");

  /** The largest limit an operator or a setting may give: far beyond any real team. */
  public static final long MAX = 1_000_000_000L;

  private final String key;
  private final long builtInDefault;
  private final String what;

  TeamLimit(String key, long builtInDefault, String what) {
    this.key = key;
    this.builtInDefault = builtInDefault;
    this.what = what;
  }

  /**
   * The limit's name as an operator types it: the CLI option ({@code --api-keys}) and its output,
   * the setting ({@code poststack.limits.api-keys}) and the {@code team_limit.name} column.
   */
  public String key() {
    return key;
  }

  public long builtInDefault() {
    return builtInDefault;
  }

  /** The setting's environment form, as Spring Boot binds it: {@code POSTSTACK_LIMITS_APIKEYS}. */
  public String envName() {
    return "POSTSTACK_LIMITS_" + key.replace("-", "").toUpperCase(Locale.ROOT);
  }

  /**
   * Why a create is refused, the same words from the API's fast path and from the provisioner: the
   * limit's name and its value, nothing about what the team holds.
   */
  public String refusal(long max) {
    return "team limit reached: " + key + " (at most " + max + " " + what + ")";
  }

  public static Optional<TeamLimit> ofKey(String key) {
    for (TeamLimit limit : values()) {
      if (limit.key.equals(key)) {
        return Optional.of(limit);
      }
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalArgumentException naming the limit, outside 0..{@link #MAX}
   */
  public long check(long value) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException(key + " must be between 0 and " + MAX + ", got " + value);
    }
    return value;
  }
}
