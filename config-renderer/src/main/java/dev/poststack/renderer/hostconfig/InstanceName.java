package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;

/**
 * Names a private Dovecot/Postfix instance (Dovecot {@code instance_name}, Postfix {@code
 * syslog_name}) so two hosts on one machine stay apart in process lists and logs.
 */
public record InstanceName(String value) {
  public InstanceName {
    if (value == null || !value.matches("[a-z][a-z0-9-]{0,30}[a-z0-9]")) {
      throw new InvalidValueException(
          "instanceName", "must be 2 to 32 of a-z, 0-9 and '-', starting with a letter");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
