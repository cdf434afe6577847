package dev.poststack.launcher.service;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.postgres.PostgresSettings;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.LauncherEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code poststack api} and {@code poststack provisioner} read from the environment: the
 * PostgreSQL and the Kafka they run against, how long to wait for both, and where to say they are
 * ready. Unlike {@code dev} nothing is started or claimed: the operator names the services, a
 * container platform starts them in any order, so each waits for its dependencies.
 *
 * @param kafkaBootstrap {@code POSTSTACK_KAFKA_BOOTSTRAP}, else {@code
 *     127.0.0.1:$POSTSTACK_KAFKA_PORT}
 * @param postgres {@code POSTSTACK_PG_HOST} / {@code _PORT} / {@code _USER} / {@code _PASSWORD} and
 *     {@code POSTSTACK_PG_DATABASE} (default {@code poststack}), created when absent
 * @param startupWait {@code POSTSTACK_STARTUP_WAIT_SECONDS} (default 60): how long to wait for
 *     PostgreSQL and Kafka to answer before giving up with one line (exit 1)
 * @param readyFile {@code $POSTSTACK_DATA_DIR/<service>.ready}: exists while the service runs, for
 *     a health check that has no HTTP port to ask (the provisioner)
 * @param mailHostname {@code POSTSTACK_MAILHOST_NAME}: the mail hosts' name, which the API puts in
 *     DNS records and autodiscovery; empty keeps the API's default
 */
public record ServiceEnv(
    String kafkaBootstrap,
    PostgresSettings postgres,
    Duration startupWait,
    Path readyFile,
    Optional<String> mailHostname) {

  /** The database a service uses when {@code POSTSTACK_PG_DATABASE} names none. */
  public static final String DEFAULT_DATABASE = "poststack";

  public static ServiceEnv from(LauncherEnv env, String service) {
    Map<String, String> vars = env.variables();
    String kafka = get(vars, "POSTSTACK_KAFKA_BOOTSTRAP").orElse("127.0.0.1:" + env.kafkaPort());
    String database = env.databaseOverride().orElse(DEFAULT_DATABASE);
    return new ServiceEnv(
        kafka,
        local(env.postgres(DataDirIdentity.checkDatabaseName(database))),
        Duration.ofSeconds(seconds(vars, "POSTSTACK_STARTUP_WAIT_SECONDS", 60)),
        env.dataDir().resolve(service + ".ready"),
        get(vars, "POSTSTACK_MAILHOST_NAME"));
  }

  /** Only the server the environment names: a service never falls back to an embedded one. */
  private static PostgresSettings local(PostgresSettings s) {
    return new PostgresSettings(
        s.host(),
        s.port(),
        s.user(),
        s.password(),
        s.database(),
        s.embeddedDataDir(),
        PostgresSettings.Mode.LOCAL);
  }

  private static Optional<String> get(Map<String, String> vars, String name) {
    return Optional.ofNullable(vars.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static long seconds(Map<String, String> vars, String name, long fallback) {
    String v = get(vars, name).orElse(Long.toString(fallback));
    try {
      long s = Long.parseLong(v);
      if (s >= 0 && s <= 3600) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new OperatorException(
        name + " must be a number of seconds (0..3600), got '" + v + "'", ExitCodes.USAGE, null);
  }
}
