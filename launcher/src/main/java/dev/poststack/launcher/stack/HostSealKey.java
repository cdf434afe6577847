package dev.poststack.launcher.stack;

import dev.poststack.values.dkim.HostKeySeal;
import java.nio.file.Path;
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
    return DataDirKey.resolve(variables, dataDir, VARIABLE, FILE);
  }

  /** The key itself, for an agent that opens the sealed DKIM keys. */
  public static HostKeySeal seal(Map<String, String> variables, Path dataDir) {
    return HostKeySeal.fromBase64(resolve(variables, dataDir));
  }
}
