package dev.poststack.values.dkim;

import dev.poststack.values.InvalidValueException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals DKIM private keys for the mail hosts with AES-256-GCM under the host seal key ({@code
 * POSTSTACK_HOST_SEAL_KEY}, 32 bytes, base64), which only the API (sealing) and the reload agents
 * (opening) hold. Each seal has a fresh random 12-byte nonce. The AAD is the host entry's name
 * ({@code <selector>._domainkey.<domain>}), so a sealed key copied to another domain or selector
 * fails to open instead of signing for it. See ADR 0008.
 */
public final class HostKeySeal {
  public static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public HostKeySeal(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new InvalidValueException("hostSealKey", "must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** From the base64 text of {@code POSTSTACK_HOST_SEAL_KEY} (standard or url alphabet). */
  public static HostKeySeal fromBase64(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException("hostSealKey", "is required");
    }
    String trimmed = text.trim();
    try {
      return new HostKeySeal(
          trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(trimmed)
              : Base64.getDecoder().decode(trimmed));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("hostSealKey", "must be base64");
    }
  }

  /** A new random host seal key in standard base64, for {@code poststack dev} and operators. */
  public static String newKeyBase64() {
    byte[] k = new byte[KEY_BYTES];
    RANDOM.nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  public SealedPrivateKey seal(byte[] pkcs8, String aad) {
    if (pkcs8 == null || pkcs8.length == 0) {
      throw new InvalidValueException("privateKey", "is required");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, pkcs8, aad);
    byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    return new SealedPrivateKey(
        SealedPrivateKey.VERSION_PREFIX
            + Base64.getUrlEncoder().withoutPadding().encodeToString(out));
  }

  /**
   * The PKCS#8 bytes; the caller should zero them when done.
   *
   * @throws CannotOpen when the key was sealed under another host seal key or AAD, or was altered
   */
  public byte[] open(SealedPrivateKey sealed, String aad) {
    byte[] in =
        Base64.getUrlDecoder()
            .decode(sealed.value().substring(SealedPrivateKey.VERSION_PREFIX.length()));
    return crypt(
        Cipher.DECRYPT_MODE,
        Arrays.copyOfRange(in, 0, NONCE_BYTES),
        Arrays.copyOfRange(in, NONCE_BYTES, in.length),
        aad);
  }

  private byte[] crypt(int mode, byte[] nonce, byte[] input, String aad) {
    if (aad == null || aad.isEmpty()) {
      throw new InvalidValueException("aad", "is required");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CannotOpen();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "HostKeySeal{AES-256-GCM}";
  }

  /**
   * The sealed key does not open under this host seal key and name: another key, another name, or
   * altered bytes. Safe to log: it says nothing about the key.
   */
  public static final class CannotOpen extends InvalidValueException {
    public CannotOpen() {
      super("sealedKey", "does not open with this host seal key for this entry name");
    }
  }
}
