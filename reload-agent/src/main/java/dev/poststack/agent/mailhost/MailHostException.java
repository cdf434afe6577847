package dev.poststack.agent.mailhost;

/** The mail host could not be prepared, started or stopped; the message says where to look. */
public final class MailHostException extends RuntimeException {
  public MailHostException(String message) {
    super(message);
  }

  public MailHostException(String message, Throwable cause) {
    super(message, cause);
  }
}
