package dev.poststack.agent.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one daemon command with its output appended to a log file, never to a pipe of ours: the
 * Postfix and Dovecot masters keep inherited descriptors open, and a caller reading a pipe would
 * wait forever. Stdin is {@code /dev/null}.
 */
public final class Command {
  private Command() {}

  /** Runs {@code argv}; returns its exit code, or throws when it cannot start or times out. */
  public static int run(List<String> argv, Path log, Duration timeout) {
    try {
      Files.createDirectories(log.getParent());
      Process p =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectErrorStream(true)
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new DaemonCommandException(
            String.join(" ", argv) + " did not finish in " + timeout + " (see " + log + ")");
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new DaemonCommandException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonCommandException("interrupted while running " + argv.get(0), e);
    }
  }

  /** Runs {@code argv} and throws unless it exits 0. */
  public static void check(List<String> argv, Path log, Duration timeout) {
    int rc = run(argv, log, timeout);
    if (rc != 0) {
      throw new DaemonCommandException(
          String.join(" ", argv) + " exited " + rc + " (see " + log + ")");
    }
  }
}
