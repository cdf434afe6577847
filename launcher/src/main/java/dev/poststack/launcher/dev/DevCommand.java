package dev.poststack.launcher.dev;

import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.mailhost.LocalMailHost;
import dev.poststack.launcher.mailhost.MailHostPlan;
import dev.poststack.launcher.postgres.RunningPostgres;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.HostSealKey;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    description = {
      "Run the whole pipeline on this machine: Kafka broker, PostgreSQL, provisioner, API, and"
          + " local",
      "mail hosts (Dovecot + Postfix + reload agent; --mail-hosts N, default 1) when the daemons"
          + " are installed.",
      "Prints the API URL, a dev API key and the dashboard's dev sign-in; Ctrl-C stops"
          + " everything.",
      "State is kept in POSTSTACK_DATA_DIR."
    })
public final class DevCommand implements Callable<Integer> {
  private final Supplier<LauncherEnv> env;
  private final AppStarter apps;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(
      names = "--mail-hosts",
      paramLabel = "N",
      defaultValue = "1",
      description = {
        "How many mail hosts to run (default 1: host id POSTSTACK_HOST_ID on"
            + " POSTSTACK_MAILHOST_LISTEN, as always).",
        "Several: mh-1 … mh-N, each its own Dovecot + Postfix + agent and directory, on"
            + " 127.0.1.1 … 127.0.1.N with the same ports."
      })
  int mailHostCount;

  @Option(
      names = "--stop-when-ready",
      description = "Start everything, print the summary, then stop (smoke tests).")
  boolean stopWhenReady;

  public DevCommand(
      Supplier<LauncherEnv> env, AppStarter apps, Extensions extensions, PrintStream out) {
    this.env = env;
    this.apps = apps;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() throws InterruptedException {
    LauncherEnv settings = env.get();
    // before anything starts: a refused count or setting is a usage error with nothing to undo
    MailHostPlan plan = MailHostPlan.of(mailHostCount, settings.variables());
    long start = System.nanoTime();
    Shutdown shutdown = new Shutdown(out);
    // the JVM's exit runs this: it closes the apps, then the broker and an embedded database
    Thread hook = new Thread(shutdown::close, "poststack-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Signals.install(shutdown);
    try {
      out.println("Starting PostStack (data in " + settings.dataDir() + ")");
      DataDirIdentity identity =
          DataDirIdentity.establish(settings.dataDir(), settings.databaseOverride());
      DevStack stack = new DevStack(settings, identity, apps, out, shutdown, plan);
      // the database first: it is claimed for this data directory before anything is written into
      // it
      RunningPostgres pg = stack.postgres();
      KafkaBrokerProcess broker = stack.kafka();
      stack.provisioner(broker, pg);
      // before the API opens its port: it answers no request until the dev team and domain exist
      shutdown.checkpoint();
      Optional<DevAccess> access =
          new DevBootstrapStep(extensions, settings, stack.progress())
              .run(endpoints(settings, broker, pg, Optional.empty()));
      List<LocalMailHost> mailHosts = stack.mailHosts(broker);
      Optional<RunningApp> api = stack.api(broker, pg);
      StackEndpoints endpoints = endpoints(settings, broker, pg, api);
      shutdown.checkpoint();
      publish(settings, endpoints, shutdown);
      new Summary(out)
          .print(
              System.nanoTime() - start,
              settings,
              endpoints,
              api.isPresent(),
              access,
              pg.endpoint().describe());
      Summary.printMailHosts(out, plan, mailHosts);
    } catch (RuntimeException e) {
      shutdown.close();
      if (shutdown.stopping()) {
        return ExitCodes
            .STOPPED; // Ctrl-C or SIGTERM during start-up: nothing went wrong, nothing to report
      }
      removeHook(hook);
      throw e;
    } finally {
      shutdown.startupEnded();
    }
    if (stopWhenReady || shutdown.stopping()) { // a stop asked for between the last step and here
      shutdown.close();
      removeHook(hook);
      return stopWhenReady ? ExitCodes.OK : ExitCodes.STOPPED;
    }
    out.println("Ctrl-C stops everything.");
    Thread.currentThread().join(); // returns never; the shutdown hook ends the process
    return ExitCodes.OK;
  }

  /**
   * Fails when the JVM is already shutting down, which is fine: the hook then closes (and finds
   * nothing).
   */
  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is shutting down: the hook runs (or ran) and closes everything once
    }
  }

  private static StackEndpoints endpoints(
      LauncherEnv settings,
      KafkaBrokerProcess broker,
      RunningPostgres pg,
      Optional<RunningApp> api) {
    String port =
        api.flatMap(a -> a.property("local.server.port"))
            .orElse(Integer.toString(settings.httpPort()));
    var db = pg.endpoint();
    return new StackEndpoints(
        "http://127.0.0.1:" + port,
        broker.bootstrapServers(),
        db.jdbcUrl(),
        db.r2dbcUrl(),
        db.user(),
        db.password(),
        HostSealKey.resolve(settings));
  }

  private static void publish(LauncherEnv settings, StackEndpoints endpoints, Shutdown shutdown) {
    StackFile file = new StackFile(settings.dataDir());
    try {
      file.write(endpoints);
    } catch (IOException e) {
      throw new OperatorException(
          "cannot write " + settings.dataDir().resolve("stack.properties") + ": " + e.getMessage(),
          e);
    }
    shutdown.add("stack file", file::delete);
  }
}
