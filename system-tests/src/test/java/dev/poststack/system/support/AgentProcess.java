package dev.poststack.system.support;

import dev.poststack.agent.ReloadAgentMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reload agent as its own JVM ({@code ReloadAgentMain}), as it runs in production, so a test
 * can SIGKILL it. It adopts the mail host's running daemons (same base directory, same settings,
 * same configuration bytes: nothing is reloaded) and leaves them running when it exits.
 */
final class AgentProcess {
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  AgentProcess(
      String hostId, String kafkaBootstrap, Path mailHostDir, Map<String, String> env, Path log) {
    this.command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.poststack.schemas",
                "-cp",
                System.getProperty("java.class.path"),
                ReloadAgentMain.class.getName(),
                "--host-id=" + hostId,
                "--kafka-bootstrap=" + kafkaBootstrap,
                "--mailhost-dir=" + mailHostDir));
    this.env = Map.copyOf(env);
    this.log = log;
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the agent is already running");
    }
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the reload agent", e);
    }
  }

  /** SIGKILL: no shutdown hook, no clean close; whatever transaction was open is lost. */
  synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(10);
    }
  }

  /** SIGTERM: the agent finishes its pass and closes; the daemons keep running. */
  synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!awaitExit(20)) {
        process.destroyForcibly();
        awaitExit(10);
      }
    }
  }

  /** Sends a signal ({@code STOP}, {@code CONT}) to the agent's JVM; nothing when it is gone. */
  synchronized void signal(String name) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal the reload agent", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling the reload agent", e);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  private boolean awaitExit(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
