package dev.poststack.api.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys only the client can make again: derived (HKDF-SHA256) from its {@code Idempotency-Key} and
 * the bearer token it authenticates with. The database holds neither in a usable form (the token
 * only as its SHA-256, which is what authentication looks up; the Idempotency-Key only as its
 * SHA-256, the record's lookup), so what these keys protect cannot be checked or opened from a
 * dump: a request's fingerprint (so a password in the body cannot be guessed against it) and the
 * secret in a stored answer (a new API key, sealed with AES-GCM). The token is in the derivation
 * because an Idempotency-Key is chosen by the client and may be easy to guess; a token is 238
 * random bits.
 */
final class ClientKeys {
  private static final byte[] SALT = "poststack idempotency v1".getBytes(StandardCharsets.UTF_8);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String lookup;
  private final byte[] fingerprintKey;
  private final byte[] sealKey;

  private ClientKeys(String lookup, byte[] fingerprintKey, byte[] sealKey) {
    this.lookup = lookup;
    this.fingerprintKey = fingerprintKey;
    this.sealKey = sealKey;
  }

  static ClientKeys of(String idempotencyKey, String bearerToken) {
    byte[] key = idempotencyKey.getBytes(StandardCharsets.UTF_8);
    byte[] token = bearerToken.getBytes(StandardCharsets.UTF_8);
    // neither may contain a NUL (printable ASCII and base62), so the joint input is unambiguous
    byte[] ikm =
        ByteBuffer.allocate(token.length + 1 + key.length)
            .put(token)
            .put((byte) 0)
            .put(key)
            .array();
    return new ClientKeys(
        HexFormat.of().formatHex(sha256(key)),
        Hkdf.sha256(SALT, ikm, info("fingerprint"), 32),
        Hkdf.sha256(SALT, ikm, info("sealed answer"), 32));
  }

  /** What the record is found by: the SHA-256 of the Idempotency-Key, never the key itself. */
  String lookup() {
    return lookup;
  }

  /** A keyed hash of the request's canonical text (HMAC-SHA256, hex). */
  String fingerprint(String canonicalRequest) {
    return HexFormat.of()
        .formatHex(Hkdf.hmac(fingerprintKey, canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  /** AES-256-GCM with a random nonce; {@code context} is bound in as associated data. */
  String seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = gcm(Cipher.ENCRYPT_MODE, nonce, context, plaintext);
    return Base64.getEncoder()
        .encodeToString(
            ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  /** The plaintext {@link #seal} was given; fails if it was sealed under other keys or altered. */
  byte[] open(String sealedText, String context) {
    byte[] all = Base64.getDecoder().decode(sealedText);
    if (all.length < NONCE_BYTES) {
      throw new IllegalStateException("a sealed answer is too short");
    }
    return gcm(
        Cipher.DECRYPT_MODE,
        Arrays.copyOf(all, NONCE_BYTES),
        context,
        Arrays.copyOfRange(all, NONCE_BYTES, all.length));
  }

  private byte[] gcm(int mode, byte[] nonce, String context, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(sealKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      // other keys or altered text: never answer with what it would have been
      throw new IllegalStateException("a sealed answer does not open with this request's keys");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  private static byte[] info(String purpose) {
    return purpose.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ClientKeys[" + lookup.substring(0, 8) + "…]";
  }
}
