package dev.poststack.controlplane;

import org.flywaydb.core.Flyway;

/**
 * The API's own tables, migrated by Flyway with its own history table so it can share a database
 * with the provisioner's schema. The app does this through Boot's Flyway settings; tools call this.
 */
public final class ApiSchema {
  public static final String LOCATION = "classpath:db/migration/api";
  public static final String HISTORY_TABLE = "flyway_history_api";

  private ApiSchema() {}

  public static void migrate(String jdbcUrl, String user, String password) {
    Flyway.configure(ApiSchema.class.getClassLoader())
        .dataSource(jdbcUrl, user, password)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
