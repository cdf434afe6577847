package dev.poststack.values;

/**
 * A value refused by the shared rules. {@code field} names the input member (e.g. {@code
 * localPart}); {@code reason} is a short, safe message that never repeats a secret.
 */
public class InvalidValueException extends RuntimeException {
  private final String field;

  public InvalidValueException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
