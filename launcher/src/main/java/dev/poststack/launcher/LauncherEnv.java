package dev.poststack.launcher;

import dev.poststack.launcher.postgres.PostgresSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting the launcher reads from the environment, parsed once; a bad value is a usage error
 * naming the variable.
 */
public record LauncherEnv(
    Path dataDir, int kafkaPort, int httpPort, String devApiKey, PostgresSettings postgres) {

  public static final String DATABASE = "poststack";

  public static LauncherEnv from(Map<String, String> env) {
    Path dataDir = Path.of(get(env, "POSTSTACK_DATA_DIR", ".poststack")).toAbsolutePath().normalize();
    PostgresSettings pg =
        new PostgresSettings(
            get(env, "POSTSTACK_PG_HOST", "127.0.0.1"),
            port(env, "POSTSTACK_PG_PORT", 5432),
            get(env, "POSTSTACK_PG_USER", "postgres"),
            get(env, "POSTSTACK_PG_PASSWORD", ""),
            database(get(env, "POSTSTACK_PG_DATABASE", DATABASE)),
            dataDir.resolve("postgres"),
            pgMode(get(env, "POSTSTACK_PG", "auto")));
    String key = env.get("POSTSTACK_DEV_API_KEY");
    return new LauncherEnv(
        dataDir,
        port(env, "POSTSTACK_KAFKA_PORT", 19092),
        port(env, "POSTSTACK_HTTP_PORT", 8080),
        key == null || key.isBlank() ? null : key.strip(),
        pg);
  }

  /** The database name goes into CREATE DATABASE, so only a plain identifier is accepted. */
  private static String database(String v) {
    if (!v.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new OperatorException(
          "POSTSTACK_PG_DATABASE must match [a-z_][a-z0-9_]*, got '" + v + "'", ExitCodes.USAGE, null);
    }
    return v;
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
    throw new OperatorException(name + " must be a port number (1..65534), got '" + v + "'", ExitCodes.USAGE, null);
  }

  private static PostgresSettings.Mode pgMode(String v) {
    try {
      return PostgresSettings.Mode.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OperatorException("POSTSTACK_PG must be auto, local or embedded, got '" + v + "'", ExitCodes.USAGE, null);
    }
  }
}
