package dev.poststack.api.mailbox;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.values.mailbox.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * SHA512-CRYPT (default) or SHA256-CRYPT via commons-codec, both understood by Dovecot. BLF-CRYPT
 * is not offered: it silently truncates passwords at 72 bytes; ARGON2ID costs ~68 ms per login.
 */
@Component
class CryptPasswordHasher implements PasswordHasher {
  private final String scheme;

  @Autowired
  public CryptPasswordHasher(ApiProperties properties) {
    this(properties.passwordScheme());
  }

  public CryptPasswordHasher(String scheme) {
    this.scheme = scheme.toUpperCase(Locale.ROOT);
    if (!this.scheme.equals("SHA512-CRYPT") && !this.scheme.equals("SHA256-CRYPT")) {
      throw new IllegalArgumentException(
          "poststack.password-scheme must be SHA512-CRYPT or SHA256-CRYPT");
    }
  }

  @Override
  public PasswordHash hash(String plaintext) {
    byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
    String crypt =
        scheme.equals("SHA512-CRYPT") ? Sha2Crypt.sha512Crypt(bytes) : Sha2Crypt.sha256Crypt(bytes);
    return new PasswordHash("{" + scheme + "}" + crypt);
  }
}
