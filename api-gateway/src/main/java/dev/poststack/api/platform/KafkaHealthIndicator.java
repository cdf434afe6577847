package dev.poststack.api.platform;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code kafka} in /actuator/health: up when the cluster answers a describe within 2 s. */
@Component("kafka")
class KafkaHealthIndicator implements ReactiveHealthIndicator, AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final AdminClient admin;

  public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put("request.timeout.ms", (int) TIMEOUT.toMillis());
    config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
    this.admin = AdminClient.create(config);
  }

  @Override
  public Mono<Health> health() {
    return Mono.fromCallable(
            () -> {
              var cluster =
                  admin.describeCluster(
                      new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
              int nodes = cluster.nodes().get().size();
              return Health.up()
                  .withDetail("clusterId", cluster.clusterId().get())
                  .withDetail("nodes", nodes)
                  .build();
            })
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(TIMEOUT.plusSeconds(1))
        .onErrorResume(
            e ->
                Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(1));
  }
}
