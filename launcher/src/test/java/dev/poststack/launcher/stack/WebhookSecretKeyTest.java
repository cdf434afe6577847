package dev.poststack.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.OperatorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretKeyTest {
  @TempDir Path dir;

  private LauncherEnv env(Map<String, String> extra) {
    java.util.HashMap<String, String> vars = new java.util.HashMap<>(extra);
    vars.put("POSTSTACK_DATA_DIR", dir.toString());
    return LauncherEnv.from(vars);
  }

  @Test
  void aDataDirectoryMakesItsKeyOnceReadableOnlyByItsOwnerAndKeepsIt() throws Exception {
    String first = WebhookSecretKey.resolve(env(Map.of()));

    assertThat(Base64.getDecoder().decode(first)).hasSize(32);
    Path file = dir.resolve(WebhookSecretKey.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(WebhookSecretKey.resolve(env(Map.of()))).isEqualTo(first);
  }

  @Test
  void theVariableWinsAndABadOneIsAUsageError() {
    String given = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(WebhookSecretKey.resolve(env(Map.of(WebhookSecretKey.VARIABLE, given))))
        .isEqualTo(given);
    assertThat(dir.resolve(WebhookSecretKey.FILE)).doesNotExist();
    assertThatThrownBy(
            () -> WebhookSecretKey.resolve(env(Map.of(WebhookSecretKey.VARIABLE, "short"))))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining(WebhookSecretKey.VARIABLE)
        .hasMessageNotContaining("short");
  }
}
