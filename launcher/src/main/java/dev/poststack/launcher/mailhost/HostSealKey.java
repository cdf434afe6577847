package dev.poststack.launcher.mailhost;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The host seal key that opens the DKIM private keys the API sealed for the mail hosts: {@code
 * POSTSTACK_HOST_SEAL_KEY} (base64, 32 bytes) when set, else the data directory's own {@code
 * host-seal.key}, made on first use (0600), so {@code dev} works without setup and keeps its keys
 * across restarts. The API must be given the same key.
 */
public final class HostSealKey {
  public static final String ENV = "POSTSTACK_HOST_SEAL_KEY";
  public static final String FILE = "host-seal.key";

  private HostSealKey() {}

  public static HostKeySeal resolve(Map<String, String> vars, Path dataDir) {
    try {
      return HostKeySeal.fromBase64(text(vars, dataDir));
    } catch (InvalidValueException e) {
      throw new OperatorException(
          "bad " + ENV + " (or " + dataDir.resolve(FILE) + "): " + e.reason(), ExitCodes.USAGE, e);
    }
  }

  /** The base64 text, for the API's {@code poststack.host-seal-key} in {@code dev}. */
  public static String text(Map<String, String> vars, Path dataDir) {
    String v = vars.get(ENV);
    return v != null && !v.isBlank() ? v.strip() : fromFile(dataDir.resolve(FILE));
  }

  private static String fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(
            Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            HostKeySeal.newKeyBase64() + "\n",
            StandardCharsets.US_ASCII,
            StandardOpenOption.WRITE);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make " + file, e);
    }
  }
}
