package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatchTest {
  @TempDir Path dir;

  @Test
  void aLineAppendedToTheLogWakesTheWaiterBeforeItsTimeout() throws Exception {
    Path logFile = Files.writeString(dir.resolve("dovecot.log"), "start\n");
    var writer = Executors.newSingleThreadScheduledExecutor();
    try (LogWatch watch = LogWatch.on(logFile)) {
      writer.schedule(
          () ->
              Files.writeString(
                  logFile, "lmtp(a@example.test): save: box=INBOX\n", StandardOpenOption.APPEND),
          200,
          TimeUnit.MILLISECONDS);
      // true means the change woke it; a missed change would return false after 30 s
      assertThat(watch.await(Duration.ofSeconds(30), () -> false)).isTrue();
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void anotherFileInTheSameDirectoryDoesNotWakeIt() throws Exception {
    Path logFile = Files.writeString(dir.resolve("dovecot.log"), "start\n");
    Path other = Files.writeString(dir.resolve("postfix.log"), "start\n");
    var writer = Executors.newSingleThreadScheduledExecutor();
    try (LogWatch watch = LogWatch.on(logFile)) {
      writer.scheduleAtFixedRate(
          () -> {
            try {
              Files.writeString(other, "x\n", StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
      assertThat(watch.await(Duration.ofMillis(600), () -> false)).isFalse();
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void withoutADirectoryToWatchItStillWaitsAndStopsWhenAsked() throws Exception {
    try (LogWatch watch = LogWatch.on(dir.resolve("missing/dovecot.log"))) {
      assertThat(watch.await(Duration.ofMillis(150), () -> false)).isFalse();
      assertThat(watch.await(Duration.ofSeconds(30), () -> true)).isFalse();
    }
  }
}
