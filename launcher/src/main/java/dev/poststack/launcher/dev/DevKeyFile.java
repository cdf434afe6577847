package dev.poststack.launcher.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The dev API key kept in the data dir: the API stores only a hash, so without this a restart could
 * not print the key again.
 */
final class DevKeyFile {
  private final Path file;

  DevKeyFile(Path dataDir) {
    this.file = dataDir.resolve("dev-api-key");
  }

  Optional<String> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String key = Files.readString(file, StandardCharsets.UTF_8).strip();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  void write(String key) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
  }
}
