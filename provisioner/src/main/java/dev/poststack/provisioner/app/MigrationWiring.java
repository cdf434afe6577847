package dev.poststack.provisioner.app;

import dev.poststack.provisioner.ProvisionerSchema;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Boot's Flyway runs the provisioner's own migrations, as {@link ProvisionerSchema} says. */
@Configuration(proxyBeanMethods = false)
class MigrationWiring {

  @Bean
  FlywayConfigurationCustomizer provisionerMigrations() {
    return ProvisionerSchema::configure;
  }
}
