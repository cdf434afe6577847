package dev.poststack.renderer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-exact comparison with a file under {@code src/test/resources/golden/}. After an intended
 * change, regenerate with {@code ./mvnw -q -pl config-renderer verify -Dgolden.update=true}, then
 * review the diff in git like any other change.
 */
public final class Golden {
  private static final Path ROOT = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void assertMatches(String name, byte[] actual) {
    Path file = ROOT.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.write(file, actual);
        return;
      }
      assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(new String(actual, StandardCharsets.UTF_8))
          .as("golden %s", name)
          .isEqualTo(expected);
      assertThat(actual).as("golden %s bytes", name).isEqualTo(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
