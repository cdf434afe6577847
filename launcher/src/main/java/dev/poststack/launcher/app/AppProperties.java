package dev.poststack.launcher.app;

import dev.poststack.launcher.postgres.PostgresEndpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard Spring Boot properties the launcher hands each app; everything else stays in the
 * app's own configuration.
 */
public final class AppProperties {
  public static final String PROVISIONER_MAIN = "dev.poststack.provisioner.ProvisionerApplication";
  public static final String API_MAIN = "dev.poststack.api.ApiGatewayApplication";

  private AppProperties() {}

  public static Map<String, Object> provisioner(String kafka, PostgresEndpoint pg, Path logFile) {
    Map<String, Object> p = common(kafka, pg, logFile);
    p.put("spring.main.web-application-type", "none");
    return p;
  }

  /**
   * @param hostSealKey base64; the API seals DKIM private keys with it for the hosts (ADR 0008)
   */
  public static Map<String, Object> api(
      String kafka, PostgresEndpoint pg, Path logFile, int httpPort, String hostSealKey) {
    return api(kafka, pg, logFile, httpPort, hostSealKey, Map.of());
  }

  /**
   * @param more further {@code poststack.*} settings the launcher decides (dev's client settings)
   */
  public static Map<String, Object> api(
      String kafka,
      PostgresEndpoint pg,
      Path logFile,
      int httpPort,
      String hostSealKey,
      Map<String, Object> more) {
    Map<String, Object> p = common(kafka, pg, logFile);
    p.put("server.port", httpPort);
    p.put("poststack.host-seal-key", hostSealKey);
    p.putAll(more);
    return p;
  }

  /**
   * @param logFile null for an app that runs as its own process ({@code poststack
   *     api|provisioner}): it logs to its standard output at its own levels, where a container
   *     platform or a service manager collects it
   */
  private static Map<String, Object> common(String kafka, PostgresEndpoint pg, Path logFile) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.kafka.bootstrap-servers", kafka);
    // the dev broker is a single node: a topic an app creates can have one replica only, whatever
    // POSTSTACK_KAFKA_REPLICATION_FACTOR the shell holds for a real cluster
    p.put("poststack.kafka.replication-factor", 1);
    p.put("poststack.kafka.min-insync-replicas", 1);
    p.put("spring.r2dbc.url", pg.r2dbcUrl());
    p.put("spring.r2dbc.username", pg.user());
    p.put("spring.r2dbc.password", pg.password());
    p.put("spring.flyway.url", pg.jdbcUrl());
    p.put("spring.flyway.user", pg.user());
    p.put("spring.flyway.password", pg.password());
    p.put("spring.main.banner-mode", "off");
    // the launcher closes the apps itself, API first, before the broker and database go away
    p.put("spring.main.register-shutdown-hook", false);
    // nor a hook for logging: an app starting while a signal stops the launcher would fail on it
    p.put("logging.register-shutdown-hook", false);
    if (logFile != null) {
      // apps log to the file; the terminal keeps the launcher's progress lines and real problems
      p.put("logging.file.name", logFile.toString());
      p.put("logging.threshold.console", "WARN");
    }
    return p;
  }
}
