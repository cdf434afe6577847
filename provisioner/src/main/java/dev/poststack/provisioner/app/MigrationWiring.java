package dev.poststack.provisioner.app;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provisioner's own migrations and history table. The API runs its own Flyway in the same
 * database, so ours baselines at 0 on a non-empty schema and then applies V1 onwards.
 */
@Configuration(proxyBeanMethods = false)
class MigrationWiring {

  @Bean
  FlywayConfigurationCustomizer provisionerMigrations() {
    return config ->
        config
            .locations("classpath:db/migration/provisioner")
            .table("flyway_history_provisioner")
            .baselineOnMigrate(true)
            .baselineVersion("0");
  }
}
