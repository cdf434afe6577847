package dev.poststack.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a run leaves what a reader of a failure needs: {@code target/system-logs/}. */
final class RunFiles {
  private static final Path LOGS = Path.of("target", "system-logs");

  private RunFiles() {}

  static Path log(String name) {
    try {
      return Files.createDirectories(LOGS).resolve(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the mail host's log directory and the broker's log before the scratch directory goes.
   */
  static void keepLogs(Path mailHostLogDir, Path... brokerLogs) {
    keepHostLogs("mailhost", mailHostLogDir);
    try {
      for (int i = 0; i < brokerLogs.length; i++) {
        // one broker: broker.log as before; a cluster: broker-1.log, broker-2.log, …
        String name = brokerLogs.length == 1 ? "broker.log" : "broker-" + (i + 1) + ".log";
        if (Files.exists(brokerLogs[i])) {
          Files.copy(brokerLogs[i], log(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      // logs are a courtesy; the run's outcome does not depend on them
    }
  }

  /** Copies a mail host's log directory to {@code target/system-logs/<name>/}. */
  static void keepHostLogs(String name, Path logDir) {
    try {
      if (logDir != null && Files.isDirectory(logDir)) {
        Path target = Files.createDirectories(LOGS.resolve(name));
        try (Stream<Path> files = Files.list(logDir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      // logs are a courtesy; the run's outcome does not depend on them
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a scratch directory; leaving it is harmless
    }
  }
}
