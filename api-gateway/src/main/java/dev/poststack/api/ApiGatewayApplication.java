package dev.poststack.api;

import dev.poststack.dashboard.DashboardConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The REST API: validates requests, publishes events, waits for the provisioner's outcome. It also
 * serves the team members' dashboard under {@code /dashboard}, whose pages call this API over HTTP
 * like any client (ADR 0013).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(DashboardConfiguration.class)
public class ApiGatewayApplication {
  public static void main(String[] args) {
    SpringApplication.run(ApiGatewayApplication.class, args);
  }
}
