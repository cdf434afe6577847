package dev.poststack.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.PostStackCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostStackCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return PostStackCli.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownCommandIsOneLineOnStderrWithExitCode2AndNoStackTrace() {
    int exit = run(Map.of(), "frobnicate");

    assertThat(exit).isEqualTo(2);
    assertThat(err().lines())
        .singleElement()
        .asString()
        .startsWith("poststack: ")
        .contains("frobnicate");
    assertThat(err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void hostsIsWiredToTheOperatorBackEndAndSaysWhereToStartOnADirectoryWithNoState(
      @TempDir Path dataDir) {
    assertThat(run(Map.of("POSTSTACK_DATA_DIR", dataDir.toString()), "hosts")).isEqualTo(2);

    assertThat(err().lines())
        .singleElement()
        .asString()
        .startsWith("poststack: no PostStack state in " + dataDir);
  }

  @Test
  void replaysBadEndsAreRefusedInOneLineBeforeAnythingStarts() {
    assertThat(run(Map.of(), "replay", "--until", "not-a-time")).isEqualTo(2);
    assertThat(run(Map.of(), "replay", "--until", "2026-01-01T00:00:00Z", "--until-offsets", "0:1"))
        .isEqualTo(2);
    assertThat(run(Map.of(), "replay", "--rebuild", "--keep")).isEqualTo(2);

    assertThat(err().lines())
        .containsExactly(
            "poststack: --until not-a-time is not an ISO-8601 instant with a zone offset, e.g."
                + " 2026-03-28T14:03:00Z",
            "poststack: --until and --until-offsets exclude each other",
            "poststack: --rebuild writes the live database: it takes no --verify, --keep, --into"
                + " or --render");
  }

  @Test
  void aBadEnvironmentValueNamesTheVariableInOneLine() {
    int exit = run(Map.of("POSTSTACK_KAFKA_PORT", "ninety"), "dev", "--stop-when-ready");

    assertThat(exit).isEqualTo(2);
    assertThat(err().lines())
        .singleElement()
        .isEqualTo(
            "poststack: POSTSTACK_KAFKA_PORT must be a port number (1..65534), got 'ninety'");
  }

  @Test
  void anAdminCommandOnADataDirectoryWithNoStateSaysWhereToStartInsteadOfGuessingADatabase(
      @TempDir Path dataDir) {
    int exit =
        run(
            Map.of("POSTSTACK_DATA_DIR", dataDir.toString()),
            "admin",
            "domain",
            "verify",
            "--domain-id",
            "1");

    assertThat(exit).isEqualTo(2);
    assertThat(err().lines())
        .singleElement()
        .asString()
        .startsWith("poststack: no PostStack state in " + dataDir)
        .contains("POSTSTACK_PG_DATABASE");
  }

  @Test
  void hostsRepairIsWiredToTheOperatorBackEndAndSaysWhereToStartOnADirectoryWithNoState(
      @TempDir Path dataDir) {
    int exit =
        run(Map.of("POSTSTACK_DATA_DIR", dataDir.toString()), "admin", "hosts", "repair", "--all");

    assertThat(exit).isEqualTo(2);
    assertThat(err().lines())
        .singleElement()
        .asString()
        .startsWith("poststack: no PostStack state in " + dataDir);
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    assertThat(run(Map.of(), "admin", "domain", "verify")).isEqualTo(2);
    assertThat(err().lines()).singleElement().asString().contains("--domain-id");
  }
}
