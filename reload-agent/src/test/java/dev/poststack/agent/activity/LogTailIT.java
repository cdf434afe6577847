package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailIT {
  @TempDir Path dir;

  private static void append(Path log, String text) throws Exception {
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void readsWholeLinesOnlyAndGoesOnFromThePosition() throws Exception {
    Path log = dir.resolve("dovecot.log");
    append(log, "one\ntwo\nthr");
    LogTail.Chunk first = LogTail.read(log, Optional.empty(), 1 << 20);
    assertThat(first.lines()).extracting(LogTail.Line::text).containsExactly("one", "two");
    assertThat(first.next().offset()).isEqualTo(8);
    assertThat(first.lines().get(0).after().offset()).isEqualTo(4);

    append(log, "ee\nfour\n");
    LogTail.Chunk second = LogTail.read(log, Optional.of(first.next()), 1 << 20);
    assertThat(second.lines()).extracting(LogTail.Line::text).containsExactly("three", "four");
  }

  @Test
  void startsAgainAtTheBeginningOfATruncatedOrReplacedFile() throws Exception {
    Path log = dir.resolve("dovecot.log");
    append(log, "a long first line\nsecond\n");
    LogTail.Chunk read = LogTail.read(log, Optional.empty(), 1 << 20);

    Files.writeString(log, "new\n"); // truncated in place: same file, shorter
    assertThat(LogTail.read(log, Optional.of(read.next()), 1 << 20).lines())
        .extracting(LogTail.Line::text)
        .containsExactly("new");

    Path rotated = dir.resolve("next.log");
    Files.writeString(rotated, "a long first line\nsecond\nthird line, new file\n");
    Files.move(rotated, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(LogTail.read(log, Optional.of(read.next()), 1 << 20).lines())
        .extracting(LogTail.Line::text)
        .containsExactly("a long first line", "second", "third line, new file");
  }

  @Test
  void readsAtMostTheGivenBytes() throws Exception {
    Path log = dir.resolve("dovecot.log");
    append(log, "12345\n12345\n12345\n");
    LogTail.Chunk c = LogTail.read(log, Optional.empty(), 14);
    assertThat(c.lines()).hasSize(2);
    assertThat(c.next().offset()).isEqualTo(12);
  }

  @Test
  void noLogYetIsNothingToRead() {
    assertThat(LogTail.read(dir.resolve("none.log"), Optional.empty(), 100).lines()).isEmpty();
  }
}
