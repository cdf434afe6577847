package dev.poststack.launcher.service;

import dev.poststack.launcher.app.AppMissingException;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * One app as its own process, against the PostgreSQL and Kafka the environment names: what a
 * container or a service manager runs ({@code poststack api}, {@code poststack provisioner}). It
 * waits for both, starts the app through the same {@link AppStarter} as {@code dev}, and stops it
 * on SIGTERM or Ctrl-C (exit 143). The app logs to standard output; the command's own failures are
 * one line.
 */
abstract class ServiceCommand implements Callable<Integer> {
  private final Supplier<LauncherEnv> env;
  private final AppStarter apps;
  private final PrintStream out;

  @Option(
      names = "--stop-when-ready",
      description = "Start, print where it answers, then stop (smoke tests).")
  boolean stopWhenReady;

  ServiceCommand(Supplier<LauncherEnv> env, AppStarter apps, PrintStream out) {
    this.env = env;
    this.apps = apps;
    this.out = out;
  }

  /** For people and the ready file: {@code api}, {@code provisioner}. */
  abstract String name();

  abstract String mainClass();

  /** The other app sharing this classpath, whose resources this one must not see. */
  abstract String sibling();

  /** The properties the launcher hands the app (see {@code AppProperties}). */
  abstract Map<String, Object> properties(
      LauncherEnv settings, ServiceEnv service, PostgresEndpoint pg);

  /** What the ready line adds after the time, e.g. the API's URL. */
  String whereItAnswers(RunningApp app) {
    return "";
  }

  @Override
  public Integer call() throws InterruptedException {
    LauncherEnv settings = env.get();
    ServiceEnv service = ServiceEnv.from(settings, name());
    out.println(
        "Starting "
            + name()
            + " (PostgreSQL "
            + service.postgres().host()
            + ":"
            + service.postgres().port()
            + "/"
            + service.postgres().database()
            + ", Kafka "
            + service.kafkaBootstrap()
            + ")");
    long start = System.nanoTime();
    PostgresEndpoint pg = Dependencies.postgres(service);
    Dependencies.kafka(service);
    deleteReadyFile(service.readyFile());

    // registered before the app starts: SIGTERM at any moment stops whatever has started
    AtomicReference<RunningApp> running = new AtomicReference<>();
    Thread hook = new Thread(() -> stop(running, service.readyFile()), "poststack-" + name());
    Runtime.getRuntime().addShutdownHook(hook);
    RunningApp app = start(properties(settings, service, pg));
    running.set(app);
    writeReadyFile(service.readyFile());
    out.printf(
        "%s ready in %.1f s%s%n", name(), (System.nanoTime() - start) / 1e9, whereItAnswers(app));
    if (stopWhenReady) {
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(running, service.readyFile());
      return ExitCodes.OK;
    }
    out.println("SIGTERM or Ctrl-C stops it.");
    Thread.currentThread().join(); // returns never; the shutdown hook stops the app
    return ExitCodes.OK;
  }

  private RunningApp start(Map<String, Object> properties) {
    try {
      return apps.start(new AppSpec(name(), mainClass(), properties, List.of(sibling())));
    } catch (AppMissingException e) {
      throw new OperatorException(
          "cannot run " + name() + ": " + e.getMessage(), ExitCodes.USAGE, e);
    } catch (RuntimeException e) {
      throw new OperatorException(name() + " did not start: " + rootCause(e), e);
    }
  }

  private void stop(AtomicReference<RunningApp> running, Path readyFile) {
    RunningApp app = running.getAndSet(null);
    if (app == null) {
      return;
    }
    out.println("Stopping " + name() + " ...");
    try {
      deleteReadyFile(readyFile);
      app.close();
      out.println("  stopped " + name());
    } catch (RuntimeException e) {
      out.println("  " + name() + " did not stop cleanly: " + e.getMessage());
    }
  }

  private static void writeReadyFile(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void deleteReadyFile(Path file) {
    try {
      // a container killed without a stop leaves it behind on its volume
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new OperatorException("cannot remove " + file + ": " + e.getMessage(), e);
    }
  }

  private static String rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root.getClass().getSimpleName() + message;
  }
}
