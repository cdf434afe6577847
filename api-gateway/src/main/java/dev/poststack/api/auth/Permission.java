package dev.poststack.api.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a key may do: everything, or only read (and, later, send mail). */
public enum Permission {
  FULL_ACCESS("full_access"),
  SENDING_ACCESS("sending_access");

  private final String wire;

  Permission(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Permission> parse(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
  }
}
