package dev.poststack.api.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code kafka} in /actuator/health: up when the cluster answers a describe within 2 s. The
 * describe is asynchronous on the admin client's own network thread; nothing here waits on a thread
 * of Reactor's shared pools. Wrapped in {@link CachedHealth} by {@link HealthConfig}.
 */
final class KafkaHealthIndicator implements ReactiveHealthIndicator, AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final AdminClient admin;

  KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put("request.timeout.ms", (int) TIMEOUT.toMillis());
    config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
    this.admin = AdminClient.create(config);
  }

  @Override
  public Mono<Health> health() {
    return Mono.defer(
            () -> {
              DescribeClusterResult cluster =
                  admin.describeCluster(
                      new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
              return Mono.fromCompletionStage(cluster.nodes().toCompletionStage())
                  .zipWith(Mono.fromCompletionStage(cluster.clusterId().toCompletionStage()));
            })
        .map(
            nodesAndId ->
                Health.up()
                    .withDetail("clusterId", nodesAndId.getT2())
                    .withDetail("nodes", nodesAndId.getT1().size())
                    .build())
        // the futures complete on the admin client's network thread: hand the answer back to a
        // Reactor thread so that thread only ever does Kafka's own work
        .publishOn(Schedulers.parallel())
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
