package dev.poststack.launcher.stack;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The host seal key (ADR 0008) the API seals DKIM private keys with and every reload agent opens
 * them with: {@code POSTSTACK_HOST_SEAL_KEY} (base64 of 32 bytes) when set, else the data
 * directory's {@code host-seal.key} file, made once (mode 0600) so keys sealed before a restart
 * still open after it. The local mail host's agent reads the same variable and file through {@link
 * #seal}, so both ends hold one key.
 */
public final class HostSealKey {
  public static final String VARIABLE = "POSTSTACK_HOST_SEAL_KEY";
  public static final String FILE = "host-seal.key";

  private HostSealKey() {}

  /** The key's base64 text, checked; never printed. */
  public static String resolve(LauncherEnv env) {
    return resolve(env.variables(), env.dataDir());
  }

  /** The same from the variables and the data directory, for a mail host's agent. */
  public static String resolve(Map<String, String> variables, Path dataDir) {
    String given = variables.get(VARIABLE);
    if (given != null && !given.isBlank()) {
      return checked(given.strip(), VARIABLE);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
      }
      String key = HostKeySeal.newKeyBase64();
      Files.createDirectories(dataDir);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      return key;
    } catch (IOException e) {
      throw new OperatorException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key itself, for an agent that opens the sealed DKIM keys. */
  public static HostKeySeal seal(Map<String, String> variables, Path dataDir) {
    return HostKeySeal.fromBase64(resolve(variables, dataDir));
  }

  private static String checked(String key, String source) {
    try {
      HostKeySeal.fromBase64(key);
      return key;
    } catch (InvalidValueException e) {
      throw new OperatorException(
          source + " must hold the base64 of 32 random bytes", ExitCodes.USAGE, null);
    }
  }
}
