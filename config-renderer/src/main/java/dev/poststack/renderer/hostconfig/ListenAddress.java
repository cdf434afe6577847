package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;

/**
 * The IPv4 address the daemons listen on, in canonical dotted form; {@code 0.0.0.0} means every
 * interface (Dovecot {@code *}, Postfix {@code all}). IPv6 is not rendered yet.
 */
public record ListenAddress(String value) {
  public static final ListenAddress LOOPBACK = new ListenAddress("127.0.0.1");
  public static final ListenAddress ANY = new ListenAddress("0.0.0.0");

  public ListenAddress {
    if (value == null || !value.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
      throw new InvalidValueException("listenAddress", "must be a dotted IPv4 address");
    }
    for (String octet : value.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        throw new InvalidValueException("listenAddress", "each part must be 0 to 255");
      }
    }
  }

  public boolean isAny() {
    return value.equals(ANY.value);
  }

  /** An address of 127.0.0.0/8, which Linux routes to the loopback interface as a whole. */
  public boolean isLoopback() {
    return value.startsWith("127.");
  }

  @Override
  public String toString() {
    return value;
  }
}
