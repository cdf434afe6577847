package dev.poststack.launcher.stack;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.postgres.PostgresSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting the launcher reads from the environment, parsed once; a bad value is a usage error
 * naming the variable.
 */
public record LauncherEnv(
    Path dataDir,
    int kafkaPort,
    int httpPort,
    String devApiKey,
    Optional<String> databaseOverride,
    Map<String, String> variables) {

  /**
   * Where each data directory's mail hosts live unless {@code POSTSTACK_MAILHOST_DIR} says
   * otherwise.
   */
  public static final Path MAILHOST_ROOT = Path.of("/var/lib/poststack");

  /** The dev member's sign-in address: {@code POSTSTACK_DEV_MEMBER_EMAIL}, else this one. */
  public static final String DEV_MEMBER_EMAIL = "dev@example.test";

  public static LauncherEnv from(Map<String, String> env) {
    Path dataDir =
        Path.of(get(env, "POSTSTACK_DATA_DIR", ".poststack")).toAbsolutePath().normalize();
    // checked before anything starts: a bad value is a usage error, not a failure half-way
    pgMode(get(env, "POSTSTACK_PG", "auto"));
    port(env, "POSTSTACK_PG_PORT", 5432);
    String database = get(env, "POSTSTACK_PG_DATABASE", "");
    String key = env.get("POSTSTACK_DEV_API_KEY");
    return new LauncherEnv(
        dataDir,
        port(env, "POSTSTACK_KAFKA_PORT", 19092),
        port(env, "POSTSTACK_HTTP_PORT", 8080),
        key == null || key.isBlank() ? null : key.strip(),
        database.isEmpty()
            ? Optional.empty()
            : Optional.of(DataDirIdentity.checkDatabaseName(database)),
        Map.copyOf(env));
  }

  /**
   * Where to find PostgreSQL, using {@code database} (a data directory's, see {@link
   * DataDirIdentity}).
   */
  public PostgresSettings postgres(String database) {
    return new PostgresSettings(
        get(variables, "POSTSTACK_PG_HOST", "127.0.0.1"),
        port(variables, "POSTSTACK_PG_PORT", 5432),
        get(variables, "POSTSTACK_PG_USER", "postgres"),
        get(variables, "POSTSTACK_PG_PASSWORD", ""),
        database,
        dataDir.resolve("postgres"),
        pgMode(get(variables, "POSTSTACK_PG", "auto")));
  }

  /**
   * A mail host's base directory (configuration, store, mail, daemon logs): {@code
   * POSTSTACK_MAILHOST_DIR}, else {@code /var/lib/poststack/<data dir id>/<host id>}. Not under the
   * data directory by default, because Dovecot's and Postfix's users must reach it, and a checkout
   * in a home directory (mode 0700) or any other private place is out of their reach.
   */
  public Path mailHostDir(DataDirIdentity identity, String hostId) {
    String explicit = get(variables, "POSTSTACK_MAILHOST_DIR", "");
    return explicit.isEmpty()
        ? MAILHOST_ROOT.resolve(identity.id()).resolve(hostId)
        : Path.of(explicit).toAbsolutePath().normalize();
  }

  /** The address {@code dev}'s dashboard member signs in with. */
  public String devMemberEmail() {
    return get(variables, "POSTSTACK_DEV_MEMBER_EMAIL", DEV_MEMBER_EMAIL);
  }

  /**
   * {@code POSTSTACK_DEV_MEMBER_PASSWORD}, or null: then {@code dev} keeps a random one in the data
   * directory.
   */
  public String devMemberPassword() {
    String password = get(variables, "POSTSTACK_DEV_MEMBER_PASSWORD", "");
    return password.isEmpty() ? null : password;
  }

  public Path logDir() {
    return dataDir.resolve("logs");
  }

  private static String get(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String v = get(env, name, Integer.toString(fallback));
    try {
      int port = Integer.parseInt(v);
      if (port >= 1 && port <= 65534) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new OperatorException(
        name + " must be a port number (1..65534), got '" + v + "'", ExitCodes.USAGE, null);
  }

  private static PostgresSettings.Mode pgMode(String v) {
    try {
      return PostgresSettings.Mode.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OperatorException(
          "POSTSTACK_PG must be auto, local or embedded, got '" + v + "'", ExitCodes.USAGE, null);
    }
  }
}
