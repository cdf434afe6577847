package dev.poststack.api.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals signing secrets for the database: AES-256-GCM, a fresh 96-bit nonce per seal, stored as
 * nonce || ciphertext+tag. The associated data binds a sealed secret to its webhook's team, so a
 * sealed value copied onto another team's row does not open. The key never leaves this object and
 * {@link #toString} shows nothing of it.
 */
public final class SecretSeal {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  private SecretSeal(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The key from base64 of exactly 32 bytes; anything else is refused without echoing it. */
  public static SecretSeal fromBase64(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook secret key must be base64 of 32 bytes");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("the webhook secret key must be base64 of 32 bytes");
    }
    return new SecretSeal(raw);
  }

  public byte[] seal(String secret, long teamId) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(teamId));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a webhook secret", e);
    }
  }

  public String open(byte[] sealed, long teamId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
      cipher.updateAAD(aad(teamId));
      byte[] plain = cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // says nothing of the value: a wrong key or a tampered row
      throw new IllegalStateException("a webhook secret does not open with the configured key");
    }
  }

  private static byte[] aad(long teamId) {
    return ("poststack-webhook-secret:team:" + teamId).getBytes(StandardCharsets.US_ASCII);
  }

  /** A new signing secret: {@code whsec_} and 32 random bytes, base64url. */
  public static String newSigningSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "SecretSeal[***]";
  }
}
