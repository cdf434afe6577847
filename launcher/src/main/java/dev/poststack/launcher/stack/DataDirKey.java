package dev.poststack.launcher.stack;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A 32-byte key the stack needs across restarts (the host seal key, the webhook secret key): the
 * environment variable when set, else a file of the data directory, made once with mode 0600 so
 * what was sealed before a restart still opens after it. The value is never printed, not even in an
 * error.
 */
final class DataDirKey {
  private DataDirKey() {}

  /** The key's base64 text, checked. */
  static String resolve(
      Map<String, String> variables, Path dataDir, String variable, String fileName) {
    String given = variables.get(variable);
    if (given != null && !given.isBlank()) {
      return checked(given.strip(), variable);
    }
    Path file = dataDir.resolve(fileName);
    try {
      if (Files.exists(file)) {
        return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
      }
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String key = Base64.getEncoder().encodeToString(raw);
      Files.createDirectories(dataDir);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      return key;
    } catch (IOException e) {
      throw new OperatorException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }

  private static String checked(String key, String source) {
    try {
      if (Base64.getDecoder().decode(key).length == 32) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below without the value
    }
    throw new OperatorException(
        source + " must hold the base64 of 32 random bytes", ExitCodes.USAGE, null);
  }
}
