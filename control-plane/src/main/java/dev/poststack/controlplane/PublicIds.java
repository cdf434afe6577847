package dev.poststack.controlplane;

import java.security.SecureRandom;

/** Random, unguessable identifiers: public object ids ({@code mb_…}), request ids, key secrets. */
public final class PublicIds {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int LENGTH = 24;

  private PublicIds() {}

  public static String base62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(out);
  }

  public static String mailbox() {
    return "mb_" + base62(LENGTH);
  }

  public static String domain() {
    return "dom_" + base62(LENGTH);
  }

  public static String alias() {
    return "ali_" + base62(LENGTH);
  }

  public static String request() {
    return "req_" + base62(LENGTH);
  }
}
