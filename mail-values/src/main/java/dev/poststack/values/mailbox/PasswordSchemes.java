package dev.poststack.values.mailbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password hashes that may reach the mail hosts: only the configured schemes, each in the form
 * Dovecot verifies, at a bounded cost. Every login on every host pays a hash's cost, so an
 * unbounded {@code rounds=}, bcrypt cost or Argon2 memory is a way to slow a host down for every
 * team on it. A {@code {PLAIN}} hash never passes. The API checks imported hashes with this and the
 * provisioner checks every event's hash again.
 *
 * <p>Bounds: SHA-crypt {@code rounds=} from 1000 to {@code maxRounds}; BLF-CRYPT ({@code $2a$},
 * {@code $2b$}, {@code $2y$}) cost 4 to {@value #MAX_BLF_COST}; ARGON2ID version 19, at most
 * {@value #MAX_ARGON2_MEMORY_KIB} KiB and {@value #MAX_ARGON2_PASSES} passes, one lane (libsodium,
 * which Dovecot verifies Argon2 with, reads single-lane hashes).
 *
 * @param accepted scheme names without braces, e.g. {@code SHA512-CRYPT}
 * @param maxRounds the most {@code rounds=} a SHA-crypt hash may ask for (crypt's own floor is
 *     1000)
 */
public record PasswordSchemes(Set<String> accepted, int maxRounds) {
  public static final int MIN_ROUNDS = 1000;
  public static final int DEFAULT_MAX_ROUNDS = 100_000;
  public static final int MAX_BLF_COST = 12;
  public static final int MAX_ARGON2_MEMORY_KIB = 65_536;
  public static final int MAX_ARGON2_PASSES = 4;

  /** Each SHA-crypt scheme's crypt prefix: {@code $6$} is SHA-512, {@code $5$} SHA-256. */
  private static final Map<String, String> CRYPT_ID =
      Map.of("SHA512-CRYPT", "6", "SHA256-CRYPT", "5");

  /** Every scheme this product can carry to a host, in the order the docs list them. */
  public static final List<String> SUPPORTED =
      List.of("SHA512-CRYPT", "SHA256-CRYPT", "BLF-CRYPT", "ARGON2ID");

  /**
   * The SHA-crypt form, as a pattern for people; {@link #shaCryptParts} checks exactly this by
   * hand, because every create and every import row is checked in the API and again in the
   * provisioner, and the pattern cost an import a tenth of its CPU.
   */
  static final String SHA_CRYPT_FORM =
      "\\{([A-Z0-9-]+)}\\$([56])\\$(?:rounds=([0-9]{1,10})\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{1,86}";

  private static final Pattern BLF_CRYPT =
      Pattern.compile("\\{BLF-CRYPT}\\$2[aby]\\$([0-9]{2})\\$[./0-9A-Za-z]{53}");
  private static final Pattern ARGON2ID =
      Pattern.compile(
          "\\{ARGON2ID}\\$argon2id\\$v=19\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,3})"
              + "\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{16,128}");

  public PasswordSchemes {
    accepted = Set.copyOf(accepted);
    if (accepted.isEmpty() || !SUPPORTED.containsAll(accepted)) {
      throw new IllegalArgumentException(
          "password schemes must be among " + SUPPORTED + ", got " + accepted);
    }
    if (maxRounds < MIN_ROUNDS) {
      throw new IllegalArgumentException("the most rounds must be at least " + MIN_ROUNDS);
    }
  }

  /** Every supported scheme, SHA-crypt rounds up to {@value #DEFAULT_MAX_ROUNDS}. */
  public static PasswordSchemes defaults() {
    return new PasswordSchemes(Set.copyOf(SUPPORTED), DEFAULT_MAX_ROUNDS);
  }

  /** {@code "SHA512-CRYPT,SHA256-CRYPT"}, as the setting is written. */
  public static PasswordSchemes parse(String schemes, int maxRounds) {
    return new PasswordSchemes(Set.copyOf(List.of(schemes.replace(" ", "").split(","))), maxRounds);
  }

  /** Why this hash may not reach a host, or empty when it may. Never repeats the hash. */
  public Optional<String> refusal(String hash) {
    int close = hash.indexOf('}');
    String scheme = hash.startsWith("{") && close > 1 ? hash.substring(1, close) : "";
    if (!accepted.contains(scheme)) {
      return Optional.of("must be one of " + sorted() + " in its own form");
    }
    return switch (scheme) {
      case "BLF-CRYPT" -> blfCrypt(hash);
      case "ARGON2ID" -> argon2id(hash);
      default -> shaCrypt(hash);
    };
  }

  /** A hash's parts in the {@link #SHA_CRYPT_FORM}; {@code rounds} is null when not given. */
  record ShaCryptParts(String scheme, String id, String rounds) {}

  /** The parts of a hash in the SHA-crypt form, or null when it is not in that form. */
  static ShaCryptParts shaCryptParts(String h) {
    int close = h.indexOf('}');
    if (h.isEmpty() || h.charAt(0) != '{' || close < 2) {
      return null;
    }
    for (int i = 1; i < close; i++) {
      char c = h.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
        return null;
      }
    }
    int at = close + 1;
    if (h.length() < at + 3
        || h.charAt(at) != '$'
        || (h.charAt(at + 1) != '5' && h.charAt(at + 1) != '6')
        || h.charAt(at + 2) != '$') {
      return null;
    }
    String id = h.substring(at + 1, at + 2);
    at += 3;
    String rounds = null;
    if (h.startsWith("rounds=", at)) {
      // '=' is no salt character, so a "rounds=" that is not a rounds field fails the whole form
      int digits = at + 7;
      int end = digits;
      while (end < h.length() && h.charAt(end) >= '0' && h.charAt(end) <= '9') {
        end++;
      }
      if (end == digits || end - digits > 10 || end >= h.length() || h.charAt(end) != '$') {
        return null;
      }
      rounds = h.substring(digits, end);
      at = end + 1;
    }
    int saltEnd = h.indexOf('$', at);
    if (saltEnd < 0
        || saltEnd - at < 1
        || saltEnd - at > 16
        || !cryptChars(h, at, saltEnd)
        || h.length() - saltEnd - 1 < 1
        || h.length() - saltEnd - 1 > 86
        || !cryptChars(h, saltEnd + 1, h.length())) {
      return null;
    }
    return new ShaCryptParts(h.substring(1, close), id, rounds);
  }

  /** {@code [./0-9A-Za-z]} from {@code from} to {@code to}. */
  private static boolean cryptChars(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '.'
          || c == '/')) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> shaCrypt(String hash) {
    ShaCryptParts parts = shaCryptParts(hash);
    if (parts == null || !parts.id().equals(CRYPT_ID.get(parts.scheme()))) {
      return Optional.of("must be one of " + sorted() + " in its own form");
    }
    if (parts.rounds() != null) {
      long rounds = Long.parseLong(parts.rounds());
      if (rounds < MIN_ROUNDS || rounds > maxRounds) {
        return Optional.of("rounds must be between " + MIN_ROUNDS + " and " + maxRounds);
      }
    }
    return Optional.empty();
  }

  private Optional<String> blfCrypt(String hash) {
    Matcher m = BLF_CRYPT.matcher(hash);
    if (!m.matches()) {
      return Optional.of("must be a BLF-CRYPT hash ($2y$NN$ and 53 characters)");
    }
    int cost = Integer.parseInt(m.group(1));
    if (cost < 4 || cost > MAX_BLF_COST) {
      return Optional.of("BLF-CRYPT cost must be between 4 and " + MAX_BLF_COST);
    }
    return Optional.empty();
  }

  private static Optional<String> argon2id(String hash) {
    Matcher m = ARGON2ID.matcher(hash);
    if (!m.matches()) {
      return Optional.of("must be an ARGON2ID hash ($argon2id$v=19$m=…,t=…,p=1$salt$hash)");
    }
    long memory = Long.parseLong(m.group(1));
    long passes = Long.parseLong(m.group(2));
    long lanes = Long.parseLong(m.group(3));
    if (memory < 8 || memory > MAX_ARGON2_MEMORY_KIB) {
      return Optional.of("ARGON2ID memory must be between 8 and " + MAX_ARGON2_MEMORY_KIB + " KiB");
    }
    if (passes < 1 || passes > MAX_ARGON2_PASSES) {
      return Optional.of("ARGON2ID passes must be between 1 and " + MAX_ARGON2_PASSES);
    }
    if (lanes != 1) {
      return Optional.of("ARGON2ID must use one lane (p=1)");
    }
    return Optional.empty();
  }

  private List<String> sorted() {
    return SUPPORTED.stream().filter(accepted::contains).toList();
  }
}
