package dev.poststack.provisioner.rules;

/**
 * An event type the provisioner has no rule for (a schema was added without its handler). It goes
 * to the dead-letter topic with this message rather than being marked processed.
 */
public class UnknownEventException extends RuntimeException {
  public UnknownEventException(Object event) {
    super("no provisioning rule for " + (event == null ? "null" : event.getClass().getName()));
  }
}
