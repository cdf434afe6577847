package dev.poststack.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.OwnServicesOnlyClassLoader;
import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 4's dev member: which password it asks for on each start, and where it keeps it. */
class DevBootstrapStepTest {
  @TempDir Path dataDir;
  private Extensions extensions;

  @BeforeEach
  void fakeBootstrap() throws Exception {
    Path services = Files.createDirectories(dataDir.resolve("spi/META-INF/services"));
    Files.writeString(
        services.resolve(DevBootstrap.class.getName()), FakeDevBootstrap.class.getName() + "\n");
    extensions =
        new Extensions(
            new OwnServicesOnlyClassLoader(dataDir.resolve("spi"), getClass().getClassLoader()));
    FakeDevBootstrap.CALLS.clear();
  }

  @Test
  void theFirstStartAsksForARandomPasswordAndLaterStartsHandTheKeptOneBack() throws Exception {
    Optional<DevAccess> first = run(Map.of());
    Optional<DevAccess> second = run(Map.of());

    assertThat(first)
        .hasValue(new DevAccess("sk_live_generated", "dev@example.test", "generated-password"));
    assertThat(second).isEqualTo(first);
    assertThat(FakeDevBootstrap.CALLS)
        .contains(
            "member sk_live_generated dev@example.test null",
            "member sk_live_generated dev@example.test generated-password");
  }

  @Test
  void theSettingsNameTheMemberAndItsPasswordAndTheSettingIsKeptForLaterStarts() throws Exception {
    Optional<DevAccess> set =
        run(
            Map.of(
                "POSTSTACK_DEV_MEMBER_EMAIL", "Me@Dev.Test",
                "POSTSTACK_DEV_MEMBER_PASSWORD", "correct horse battery"));
    Optional<DevAccess> later = run(Map.of("POSTSTACK_DEV_MEMBER_EMAIL", "Me@Dev.Test"));

    assertThat(set.orElseThrow().memberEmail()).isEqualTo("Me@Dev.Test");
    assertThat(set.orElseThrow().memberPassword()).isEqualTo("correct horse battery");
    assertThat(later).isEqualTo(set);
    assertThat(Files.readString(dataDir.resolve("data/dev-member-password")))
        .isEqualTo("correct horse battery\n");
  }

  private Optional<DevAccess> run(Map<String, String> env) {
    Map<String, String> vars = new HashMap<>(env);
    vars.put("POSTSTACK_DATA_DIR", dataDir.resolve("data").toString());
    LauncherEnv settings = LauncherEnv.from(vars);
    try {
      Files.createDirectories(settings.dataDir());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return new DevBootstrapStep(
            extensions,
            settings,
            new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), 6))
        .run(new StackEndpoints("http://127.0.0.1:1", "127.0.0.1:2", "jdbc:x", "r2dbc:x", "u", ""));
  }
}
