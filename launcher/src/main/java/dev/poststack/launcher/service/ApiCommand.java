package dev.poststack.launcher.service;

import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.launcher.stack.HostSealKey;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(
    name = "api",
    description = {
      "Run the REST API (api-gateway) as its own process against the PostgreSQL and Kafka the"
          + " environment names",
      "(POSTSTACK_PG_*, POSTSTACK_KAFKA_BOOTSTRAP); port POSTSTACK_HTTP_PORT. Health:"
          + " GET /actuator/health. SIGTERM stops it."
    })
public final class ApiCommand extends ServiceCommand {

  public ApiCommand(Supplier<LauncherEnv> env, AppStarter apps, PrintStream out) {
    super(env, apps, out);
  }

  @Override
  String name() {
    return "api";
  }

  @Override
  String mainClass() {
    return AppProperties.API_MAIN;
  }

  @Override
  String sibling() {
    return AppProperties.PROVISIONER_MAIN;
  }

  @Override
  Map<String, Object> properties(LauncherEnv settings, ServiceEnv service, PostgresEndpoint pg) {
    Map<String, Object> more = new LinkedHashMap<>();
    // the name the mail hosts answer as (their POSTSTACK_MAILHOST_NAME) is what clients are told
    service.mailHostname().ifPresent(name -> more.put("poststack.mail-hostname", name));
    return AppProperties.api(
        service.kafkaBootstrap(),
        pg,
        null,
        settings.httpPort(),
        HostSealKey.resolve(settings),
        more);
  }

  @Override
  String whereItAnswers(RunningApp app) {
    return app.property("local.server.port").map(port -> "  http://0.0.0.0:" + port).orElse("");
  }
}
