package dev.poststack.values.dkim;

import dev.poststack.values.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A DKIM private key sealed for the mail hosts by {@link HostKeySeal}: {@code v1.} followed by the
 * unpadded base64url of nonce, ciphertext and tag. Only this form travels in events, is stored by
 * the provisioner and is rendered to hosts; the plaintext exists only in the API while it seals a
 * new key and on a host while it writes the key file.
 */
public record SealedPrivateKey(String value) {
  public static final String VERSION_PREFIX = "v1.";

  // a base64 text of length 4n+1 decodes to no whole byte
  /** 12-byte nonce + 16-byte tag + at least one byte, up to an RSA-8192 PKCS#8 with room. */
  private static final Pattern FORM = Pattern.compile("v1\\.[A-Za-z0-9_-]{39,8192}");

  public SealedPrivateKey {
    if (value == null
        || !FORM.matcher(value).matches()
        || (value.length() - VERSION_PREFIX.length()) % 4 == 1) {
      throw new InvalidValueException("sealedKey", "must be v1.<base64url without padding>");
    }
  }

  /** Never the sealed bytes: they are only safe while the host seal key is. */
  @Override
  public String toString() {
    return "SealedPrivateKey{v1}";
  }
}
