package dev.poststack.values.mailbox;

import dev.poststack.values.InvalidValueException;

/** A mailbox's storage limit: 1 MiB .. 1 TiB; 1 GiB when not given. */
public record QuotaBytes(long value) {
  public static final long MIN = 1L << 20;
  public static final long MAX = 1L << 40;
  public static final QuotaBytes DEFAULT = new QuotaBytes(1L << 30);

  public QuotaBytes {
    if (value < MIN || value > MAX) {
      throw new InvalidValueException("quotaBytes", "must be between " + MIN + " and " + MAX);
    }
  }
}
