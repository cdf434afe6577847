package dev.poststack.api.support;

import dev.poststack.testing.TestDatabase;
import org.flywaydb.core.Flyway;

/**
 * One throwaway database for the whole test JVM (test contexts are cached and shared across
 * classes, so their database must be too); dropped at exit. Tests isolate themselves by team.
 */
public final class SharedDatabase {
  private static TestDatabase database;

  private SharedDatabase() {}

  public static synchronized TestDatabase get() {
    if (database == null) {
      database = TestDatabase.create();
      migrateProvisionerSchema(database);
      TestDatabase created = database;
      Runtime.getRuntime().addShutdownHook(new Thread(created::close));
    }
    return database;
  }

  /**
   * The provisioner's tables, which the API reads, from its own migrations (the same history table
   * the provisioner uses), so contexts without a running provisioner find them too.
   */
  private static void migrateProvisionerSchema(TestDatabase db) {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration/provisioner")
        .table("flyway_history_provisioner")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
