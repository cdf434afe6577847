package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.ProgressBar;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFileTest {
  @TempDir Path dir;

  @Test
  void csvColumnsBecomeTheApisRowFields() throws Exception {
    List<String> rows =
        ImportFile.csv(
            new StringReader(
                "Email,password,password_hash,display_name,quota_bytes,webhook_enabled,aliases\n"
                    + "a@x.test,pw one two three,,\"Ann, A.\",1024,yes,b@x.test; c@x.test\n"
                    + "d@x.test,,{BLF-CRYPT}$2y$05$abc,,lots,,\n"));
    assertThat(rows)
        .containsExactly(
            "{\"email\":\"a@x.test\",\"password\":\"pw one two three\",\"displayName\":\"Ann,"
                + " A.\",\"quotaBytes\":1024,\"webhookEnabled\":true,\"aliases\":[\"b@x.test\",\"c@x.test\"]}",
            // a quota that is no number goes as it is: the API refuses the row, naming the field
            "{\"email\":\"d@x.test\",\"passwordHash\":\"{BLF-CRYPT}$2y$05$abc\",\"quotaBytes\":\"lots\"}");
  }

  @Test
  void anUnknownColumnOrABadLineIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> ImportFile.csv(new StringReader("email,pass\nx@y.test,secret\n")))
        .hasMessageStartingWith("unknown CSV column 'pass'");
    assertThatThrownBy(
            () -> ImportFile.ndjson(List.of("{\"email\":\"a@x.test\"}", "{\"password\":\"hunter2")))
        .hasMessage("line 2 is not valid JSON");
  }

  @Test
  void aRunResumesAfterTheRowsAnEarlierRunOfTheSameFileAnswered() throws Exception {
    Path state = dir.resolve("users.csv.import-state");
    assertThat(ImportCommand.resumeFrom(state, "abc")).isZero();
    Files.writeString(state, "abc 3000\n");
    assertThat(ImportCommand.resumeFrom(state, "abc")).isEqualTo(3000);
    assertThat(ImportCommand.resumeFrom(state, "another file")).isZero();
    assertThat(new ProgressBar(System.err, "importing", "rows").line(500, 1000, 250))
        .isEqualTo("importing [###############               ] 500/1000 rows  250 rows/s  ETA 2s ");
  }
}
