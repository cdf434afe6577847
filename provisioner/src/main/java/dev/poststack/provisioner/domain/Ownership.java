package dev.poststack.provisioner.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a domain's ownership stands: the claim's token, what the last DNS check found, since when a
 * required record has been missing on a verified domain, and who verified it.
 *
 * @param verificationToken published by the owner as TXT {@code _poststack-verification.<name>};
 *     null for a domain an operator created
 * @param found the purposes of the records the last DNS check found; null: never checked by DNS
 * @param checkedAt when the last DNS check was made (the event's time)
 * @param missingSince since when re-checks have found a required record missing; null while all are
 *     there
 * @param verifiedBy {@link #BY_DNS} or {@link #BY_OPERATOR} (not re-checked); null while unverified
 */
public record Ownership(
    String verificationToken,
    List<String> found,
    Instant checkedAt,
    Instant missingSince,
    String verifiedBy) {
  public static final Ownership NONE = new Ownership(null, null, null, null, null);
  public static final String BY_DNS = "dns";
  public static final String BY_OPERATOR = "operator";

  /** The shape of a verification token (the API makes 32 hex digits). */
  public static final Pattern TOKEN = Pattern.compile("[a-z0-9]{16,64}");

  /** A record purpose as a check reports it. */
  public static final Pattern PURPOSE = Pattern.compile("[a-z_]{1,32}");

  /** What verification requires; SPF and DMARC are advice. */
  public static final Set<String> REQUIRED = Set.of("mx", "verification");

  public Ownership {
    found = found == null ? null : List.copyOf(found);
  }

  public static Ownership claimed(String token) {
    return new Ownership(token, null, null, null, null);
  }

  public boolean foundAllRequired() {
    return found != null && found.containsAll(REQUIRED);
  }

  /** A DNS check's result; a required record missing starts (or continues) the missing spell. */
  public Ownership checked(List<String> nowFound, Instant at) {
    Instant since =
        nowFound.containsAll(REQUIRED) ? null : missingSince == null ? at : missingSince;
    return new Ownership(verificationToken, nowFound, at, since, verifiedBy);
  }

  /** Just verified: by DNS (everything required was found) or vouched for by the operator. */
  public Ownership verifiedBy(String by) {
    return new Ownership(verificationToken, found, checkedAt, null, by);
  }

  /** Not verified any more: nothing is missing "since", nobody vouches. */
  public Ownership unverified() {
    return new Ownership(verificationToken, found, checkedAt, null, null);
  }
}
