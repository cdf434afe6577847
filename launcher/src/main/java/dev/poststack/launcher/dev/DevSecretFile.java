package dev.poststack.launcher.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A dev secret kept in the data dir, readable by its owner only (0600): the dev API key ({@code
 * dev-api-key}) and the dev member's password ({@code dev-member-password}). The database stores
 * only their hashes, so without these a restart could not print them again.
 */
final class DevSecretFile {
  static final String API_KEY = "dev-api-key";
  static final String MEMBER_PASSWORD = "dev-member-password";

  private final Path file;

  DevSecretFile(Path dataDir, String name) {
    this.file = dataDir.resolve(name);
  }

  Optional<String> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
  }

  void write(String secret) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
  }
}
