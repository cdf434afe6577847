package dev.poststack.provisioner.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password hashes an event may carry to the mail hosts: only the configured schemes ({@code
 * poststack.provisioner.password-schemes}, by default the two the API produces), each in its own
 * crypt form, and at most {@code maxRounds} rounds — every login on every host pays them, so an
 * unbounded {@code rounds=} is a way to slow a host down. A {@code {PLAIN}} hash never passes.
 *
 * @param accepted scheme names without braces, e.g. {@code SHA512-CRYPT}
 * @param maxRounds the most {@code rounds=} a SHA-crypt hash may ask for (crypt's own floor is
 *     1000)
 */
public record PasswordSchemes(Set<String> accepted, int maxRounds) {
  public static final int MIN_ROUNDS = 1000;
  public static final int DEFAULT_MAX_ROUNDS = 100_000;

  /** Each supported scheme's crypt prefix: {@code $6$} is SHA-512, {@code $5$} SHA-256. */
  private static final java.util.Map<String, String> CRYPT_ID =
      java.util.Map.of("SHA512-CRYPT", "6", "SHA256-CRYPT", "5");

  private static final Pattern SHA_CRYPT =
      Pattern.compile(
          "\\{([A-Z0-9-]+)}\\$([56])\\$(?:rounds=([0-9]{1,10})\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{1,86}");

  public PasswordSchemes {
    accepted = Set.copyOf(accepted);
    if (accepted.isEmpty() || !CRYPT_ID.keySet().containsAll(accepted)) {
      throw new IllegalArgumentException(
          "password schemes must be among " + CRYPT_ID.keySet() + ", got " + accepted);
    }
    if (maxRounds < MIN_ROUNDS) {
      throw new IllegalArgumentException("the most rounds must be at least " + MIN_ROUNDS);
    }
  }

  public static PasswordSchemes defaults() {
    return new PasswordSchemes(CRYPT_ID.keySet(), DEFAULT_MAX_ROUNDS);
  }

  /** {@code "SHA512-CRYPT,SHA256-CRYPT"}, as the setting is written. */
  public static PasswordSchemes parse(String schemes, int maxRounds) {
    return new PasswordSchemes(Set.copyOf(List.of(schemes.replace(" ", "").split(","))), maxRounds);
  }

  /** Why this hash may not reach a host, or empty when it may. */
  Optional<String> refusal(String hash) {
    Matcher m = SHA_CRYPT.matcher(hash);
    if (!m.matches()
        || !accepted.contains(m.group(1))
        || !CRYPT_ID.get(m.group(1)).equals(m.group(2))) {
      return Optional.of("must be one of " + accepted + " in its crypt form");
    }
    if (m.group(3) != null) {
      long rounds = Long.parseLong(m.group(3));
      if (rounds < MIN_ROUNDS || rounds > maxRounds) {
        return Optional.of("rounds must be between " + MIN_ROUNDS + " and " + maxRounds);
      }
    }
    return Optional.empty();
  }
}
