package dev.poststack.values.dkim;

import dev.poststack.values.InvalidValueException;

/** The key type of a DKIM key: the {@code k=} tag of its DNS record and its host store column. */
public enum DkimAlgorithm {
  RSA("rsa"),
  ED25519("ed25519");

  private final String value;

  DkimAlgorithm(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static DkimAlgorithm of(String raw) {
    for (DkimAlgorithm a : values()) {
      if (a.value.equals(raw)) {
        return a;
      }
    }
    throw new InvalidValueException("algorithm", "must be rsa or ed25519");
  }

  @Override
  public String toString() {
    return value;
  }
}
