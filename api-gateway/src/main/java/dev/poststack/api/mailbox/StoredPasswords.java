package dev.poststack.api.mailbox;

import dev.poststack.api.mailbox.ImportRows.Wanted;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.commons.codec.digest.Crypt;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Whether an import row's password (or hash) is the one a mailbox already has, for every scheme a
 * mailbox may hold: a rerun of the same import must find its rows already in, whichever system made
 * the hash. CPU work of a hash's cost: run it where hashes run.
 */
final class StoredPasswords {
  // parameters only matter for encoding: matching reads them from the stored hash
  private static final Argon2PasswordEncoder ARGON2 = new Argon2PasswordEncoder(16, 32, 1, 8, 1);

  private StoredPasswords() {}

  static boolean matches(Wanted wanted, String stored) {
    if (wanted.hash() != null) {
      return same(wanted.hash().value(), stored);
    }
    int close = stored.indexOf('}');
    if (!stored.startsWith("{") || close < 2) {
      return false;
    }
    String scheme = stored.substring(1, close);
    String crypt = stored.substring(close + 1);
    String password = wanted.password();
    try {
      return switch (scheme) {
        case "SHA512-CRYPT", "SHA256-CRYPT" ->
            same(Crypt.crypt(password.getBytes(StandardCharsets.UTF_8), crypt), crypt);
        case "BLF-CRYPT" -> BCrypt.checkpw(password, crypt);
        case "ARGON2ID" -> ARGON2.matches(password, crypt);
        default -> false;
      };
    } catch (IllegalArgumentException e) {
      return false; // a stored hash this library cannot read is not the row's password
    }
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
