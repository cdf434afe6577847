package dev.poststack.launcher.dev;

import dev.poststack.launcher.LauncherEnv;
import dev.poststack.launcher.app.AppMissingException;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.postgres.PostgresProvider;
import dev.poststack.launcher.postgres.RunningPostgres;
import dev.poststack.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Starts the dev pipeline piece by piece, each under a progress line, registering how to stop it. */
final class DevStack {
  static final int STEPS = 5;

  private final LauncherEnv env;
  private final AppStarter apps;
  private final Progress progress;
  private final Shutdown shutdown;

  DevStack(LauncherEnv env, AppStarter apps, PrintStream out, Shutdown shutdown) {
    this.env = env;
    this.apps = apps;
    this.progress = new Progress(out, STEPS);
    this.shutdown = shutdown;
  }

  KafkaBrokerProcess kafka() {
    progress.begin("Kafka broker");
    KafkaBrokerProcess broker =
        step(() -> KafkaBrokerProcess.start(new BrokerSettings(env.dataDir().resolve("kafka"), env.kafkaPort(), Duration.ofSeconds(60))));
    shutdown.add("Kafka broker", broker);
    List<String> created = step(() -> broker.ensureTopics(Topics.all()));
    progress.ready(broker.bootstrapServers() + (created.isEmpty() ? "" : "  (created topics " + String.join(", ", created) + ")"));
    return broker;
  }

  RunningPostgres postgres() {
    progress.begin("PostgreSQL");
    RunningPostgres pg = step(() -> new PostgresProvider(env.postgres()).provide());
    boolean embedded = "embedded".equals(pg.endpoint().kind());
    shutdown.add(embedded ? "embedded PostgreSQL" : "PostgreSQL connection (the local server keeps running)", pg);
    progress.ready(pg.endpoint().describe());
    return pg;
  }

  Optional<RunningApp> provisioner(KafkaBrokerProcess broker, RunningPostgres pg) {
    return app("provisioner", AppProperties.PROVISIONER_MAIN,
        AppProperties.provisioner(broker.bootstrapServers(), pg.endpoint(), logFile()), AppProperties.API_MAIN);
  }

  Optional<RunningApp> api(KafkaBrokerProcess broker, RunningPostgres pg) {
    return app("API", AppProperties.API_MAIN,
        AppProperties.api(broker.bootstrapServers(), pg.endpoint(), logFile(), env.httpPort()), AppProperties.PROVISIONER_MAIN);
  }

  Progress progress() {
    return progress;
  }

  private Optional<RunningApp> app(String name, String main, Map<String, Object> props, String sibling) {
    progress.begin(name);
    try {
      RunningApp app = step(() -> apps.start(new AppSpec(name, main, props, List.of(sibling))));
      shutdown.add(name, app);
      progress.ready("logs in " + logFile());
      return Optional.of(app);
    } catch (AppMissingException e) {
      progress.skipped(e.getMessage() + " (its module is not built yet)");
      return Optional.empty();
    }
  }

  private Path logFile() {
    return env.logDir().resolve("poststack.log");
  }

  /** Runs one action of a step; on failure closes the step's line so the error prints on its own. */
  private <T> T step(Supplier<T> action) {
    try {
      return action.get();
    } catch (AppMissingException e) {
      throw e;
    } catch (RuntimeException e) {
      progress.failed();
      throw e;
    }
  }
}
