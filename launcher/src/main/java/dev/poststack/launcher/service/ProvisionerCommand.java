package dev.poststack.launcher.service;

import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(
    name = "provisioner",
    description = {
      "Run the provisioner as its own process against the PostgreSQL and Kafka the environment"
          + " names",
      "(POSTSTACK_PG_*, POSTSTACK_KAFKA_BOOTSTRAP). While it runs, POSTSTACK_DATA_DIR/"
          + "provisioner.ready exists (a health check). SIGTERM stops it."
    })
public final class ProvisionerCommand extends ServiceCommand {

  public ProvisionerCommand(Supplier<LauncherEnv> env, AppStarter apps, PrintStream out) {
    super(env, apps, out);
  }

  @Override
  String name() {
    return "provisioner";
  }

  @Override
  String mainClass() {
    return AppProperties.PROVISIONER_MAIN;
  }

  @Override
  String sibling() {
    return AppProperties.API_MAIN;
  }

  @Override
  Map<String, Object> properties(LauncherEnv settings, ServiceEnv service, PostgresEndpoint pg) {
    return AppProperties.provisioner(service.kafkaBootstrap(), pg, null);
  }
}
