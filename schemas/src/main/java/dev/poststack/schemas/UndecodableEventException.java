package dev.poststack.schemas;

/**
 * A record that is not one of our events in any released schema; it belongs on the dead-letter
 * topic.
 */
public class UndecodableEventException extends RuntimeException {
  public UndecodableEventException(String reason, Throwable cause) {
    super(reason, cause);
  }

  public UndecodableEventException(String reason) {
    super(reason);
  }
}
