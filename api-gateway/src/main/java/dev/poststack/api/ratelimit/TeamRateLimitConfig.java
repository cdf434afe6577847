package dev.poststack.api.ratelimit;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The team buckets' store and its housekeeping. The store's JDBC settings default to Flyway's
 * ({@code spring.flyway.url/user/password}), which already name the API's database over JDBC.
 */
@Configuration(proxyBeanMethods = false)
class TeamRateLimitConfig {
  private static final Logger log = LoggerFactory.getLogger(TeamRateLimitConfig.class);

  @Bean
  TeamBuckets teamBuckets(ApiProperties properties, Environment env, MeterRegistry meters) {
    ApiProperties.Team team = properties.rateLimit().team();
    String jdbcUrl = team.jdbcUrl() != null ? team.jdbcUrl() : env.getProperty("spring.flyway.url");
    if (team.shared() && jdbcUrl == null) {
      log.warn(
          "team rate limit: no poststack.rate-limit.team.jdbc-url nor spring.flyway.url; each"
              + " instance counts each team on its own");
    }
    ApiProperties.Team resolved =
        new ApiProperties.Team(
            team.perSecond(),
            team.burst(),
            team.writeCost(),
            team.shared() && jdbcUrl != null,
            team.timeout(),
            team.retryAfterFailure(),
            team.connections(),
            team.threads(),
            team.queue(),
            jdbcUrl,
            team.user() != null ? team.user() : env.getProperty("spring.flyway.user"),
            team.password() != null
                ? team.password()
                : env.getProperty("spring.flyway.password", ""));
    return new TeamBuckets(resolved, meters, properties.repeatedWarningWindow());
  }

  @Bean
  Purge teamRateLimitBucketPurge(TeamBuckets buckets) {
    return new Purge() {
      @Override
      public String name() {
        return TeamBuckets.TABLE;
      }

      @Override
      public Mono<Long> purge() {
        return Mono.fromCallable(buckets::removeExpired)
            .subscribeOn(Schedulers.fromExecutor(buckets.storeExecutor()));
      }
    };
  }
}
