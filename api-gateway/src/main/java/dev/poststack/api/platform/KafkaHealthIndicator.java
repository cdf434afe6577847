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
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code kafka} in /actuator/health: up when the cluster answers a describe within 2 s. The
 * describe is asynchronous (the admin client's network thread does the I/O) and is issued and
 * answered on a single thread of its own, so it never waits on or occupies a thread of Reactor's
 * shared pools or the event loop. Wrapped in {@link CachedHealth} by {@link HealthConfig}, so at
 * most one runs at a time.
 */
final class KafkaHealthIndicator implements ReactiveHealthIndicator, AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final AdminClient admin;
  private final Scheduler thread = Schedulers.newSingle("kafka-health", true);

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
        .subscribeOn(thread)
        // the futures complete on the admin client's network thread: hand the answer over so that
        // thread only ever does Kafka's own work
        .publishOn(thread)
        .map(
            nodesAndId ->
                Health.up()
                    .withDetail("clusterId", nodesAndId.getT2())
                    .withDetail("nodes", nodesAndId.getT1().size())
                    .build())
        .timeout(TIMEOUT.plusSeconds(1), thread)
        .onErrorResume(
            e ->
                Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(1));
    thread.dispose();
  }
}
