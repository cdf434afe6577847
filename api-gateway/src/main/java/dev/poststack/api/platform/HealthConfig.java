package dev.poststack.api.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.r2dbc.health.ConnectionFactoryHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The components of /actuator/health, each run at most once per {@code poststack.health-cache-ttl}
 * (2 s). Real checks are counted in {@code poststack_health_checks_total{component}}.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfig {
  static final String CHECKS = "poststack.health.checks";

  /** Named so Boot's own uncached r2dbc indicator steps aside; the component stays "r2dbc". */
  @Bean
  CachedHealth r2dbcHealthContributor(
      ConnectionFactory connections, ApiProperties properties, MeterRegistry meters) {
    return new CachedHealth(
        new ConnectionFactoryHealthIndicator(connections),
        properties.healthCacheTtl(),
        counter(meters, "r2dbc")::increment);
  }

  @Bean
  CachedHealth kafka(KafkaAdmin kafkaAdmin, ApiProperties properties, MeterRegistry meters) {
    return new CachedHealth(
        new KafkaHealthIndicator(kafkaAdmin),
        properties.healthCacheTtl(),
        counter(meters, "kafka")::increment);
  }

  private static Counter counter(MeterRegistry meters, String component) {
    return Counter.builder(CHECKS)
        .description("health checks actually run (not answered from the cache)")
        .tag("component", component)
        .register(meters);
  }
}
