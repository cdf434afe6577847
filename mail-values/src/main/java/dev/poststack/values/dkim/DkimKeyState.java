package dev.poststack.values.dkim;

import dev.poststack.values.InvalidValueException;

/**
 * What a host does with a DKIM key it holds: {@code active} signs; {@code staged} is on disk but
 * does not sign yet (its DNS record is awaited); {@code retiring} is kept but no longer signs.
 */
public enum DkimKeyState {
  ACTIVE("active"),
  STAGED("staged"),
  RETIRING("retiring");

  private final String value;

  DkimKeyState(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static DkimKeyState of(String raw) {
    for (DkimKeyState s : values()) {
      if (s.value.equals(raw)) {
        return s;
      }
    }
    throw new InvalidValueException("state", "must be active, staged or retiring");
  }

  @Override
  public String toString() {
    return value;
  }
}
