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

/**
 * The key the API seals webhook signing secrets with: {@code POSTSTACK_WEBHOOK_SECRET_KEY} (base64
 * of 32 bytes) when set, else the data directory's {@code webhook-secret.key}, made once (mode
 * 0600) so the secrets of webhooks made before a restart still open after it.
 */
public final class WebhookSecretKey {
  public static final String VARIABLE = "POSTSTACK_WEBHOOK_SECRET_KEY";
  public static final String FILE = "webhook-secret.key";

  private WebhookSecretKey() {}

  /** The key's base64 text, checked; never printed. */
  public static String resolve(LauncherEnv env) {
    String given = env.variables().get(VARIABLE);
    if (given != null && !given.isBlank()) {
      return checked(given.strip(), VARIABLE);
    }
    Path file = env.dataDir().resolve(FILE);
    try {
      if (Files.exists(file)) {
        return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
      }
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String key = Base64.getEncoder().encodeToString(raw);
      Files.createDirectories(env.dataDir());
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
