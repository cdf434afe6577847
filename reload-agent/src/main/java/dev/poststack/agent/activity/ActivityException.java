package dev.poststack.agent.activity;

/** The activity store or the Dovecot log could not be read or written. */
public final class ActivityException extends RuntimeException {
  public ActivityException(String message, Throwable cause) {
    super(message, cause);
  }
}
