package dev.poststack.controlplane.member;

import java.util.Locale;

/**
 * A member's sign-in address, lower-cased. Any domain (a member's own mail is not hosted here), one
 * {@code @}, a dot in the domain, no spaces or controls, at most 254 characters.
 */
public record MemberEmail(String value) {
  public static final int MAX_LENGTH = 254;

  public MemberEmail {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("email " + problem);
    }
    value = value.toLowerCase(Locale.ROOT);
  }

  /** Why {@code candidate} is not an address, or null when it is one. */
  public static String problem(String candidate) {
    if (candidate == null || candidate.isEmpty()) {
      return "is required";
    }
    if (candidate.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    int at = candidate.indexOf('@');
    if (at <= 0 || at != candidate.lastIndexOf('@') || at == candidate.length() - 1) {
      return "must be an email address";
    }
    String domain = candidate.substring(at + 1);
    if (domain.indexOf('.') <= 0 || domain.endsWith(".") || domain.contains("..")) {
      return "must be an email address";
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') {
        return "must be an email address";
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
