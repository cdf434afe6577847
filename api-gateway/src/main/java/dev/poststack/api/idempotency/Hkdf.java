package dev.poststack.api.idempotency;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), written out because Java 17 has HMAC but no KDF API (that came
 * in Java 24); checked against the RFC's test vectors.
 */
final class Hkdf {
  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;

  private Hkdf() {}

  static byte[] sha256(byte[] salt, byte[] ikm, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA256 gives 1 to 8160 bytes");
    }
    byte[] prk = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, ikm);
    ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
    byte[] block = new byte[0];
    for (int i = 1; okm.size() < length; i++) {
      byte[] input = new byte[block.length + info.length + 1];
      System.arraycopy(block, 0, input, 0, block.length);
      System.arraycopy(info, 0, input, block.length, info.length);
      input[input.length - 1] = (byte) i;
      block = hmac(prk, input);
      okm.write(block, 0, Math.min(block.length, length - okm.size()));
    }
    return okm.toByteArray();
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
