package dev.poststack.provisioner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Consumes mailbox events and applies each exactly once in effect to PostgreSQL, with an audit row
 * and an outcome NOTIFY. Needs only the standard {@code spring.kafka.*}, {@code spring.r2dbc.*} and
 * {@code spring.flyway.*} connection properties; everything it cannot work without is set in code
 * (see {@code app}), so a shared classpath's {@code application.properties} cannot unset it.
 */
@SpringBootApplication
public class ProvisionerApplication {
  public static void main(String[] args) {
    SpringApplication.run(ProvisionerApplication.class, args);
  }
}
