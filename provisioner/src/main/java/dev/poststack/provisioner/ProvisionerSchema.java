package dev.poststack.provisioner;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The provisioner's own migrations and history table, in one place for the app and for whatever
 * migrates without it (tests, tools). The API runs its own Flyway in the same database, so ours
 * baselines at 0 on a non-empty schema and then applies V1 onwards.
 */
public final class ProvisionerSchema {
  public static final String LOCATION = "classpath:db/migration/provisioner";
  public static final String HISTORY_TABLE = "flyway_history_provisioner";

  private ProvisionerSchema() {}

  public static FluentConfiguration configure(FluentConfiguration config) {
    return config
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0");
  }

  public static void migrate(String jdbcUrl, String user, String password) {
    configure(Flyway.configure().dataSource(jdbcUrl, user, password)).load().migrate();
  }
}
