package dev.poststack.provisioner.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code host_entry_position.line_sha256}: lets a repair tell whether a rendered line is the one
 * last published without keeping a second copy of every line (they carry password hashes).
 */
public final class LineDigest {
  private LineDigest() {}

  /** Lower-case hex SHA-256 of the line in UTF-8; null for a tombstone. */
  public static String sha256Hex(String line) {
    if (line == null) {
      return null;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
