package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.EdgeLimitsApiIT;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** /actuator/health is public: however many call it, the real checks stay few. */
@DirtiesContext // a context of its own: close it when done, it holds database connections
class HealthCacheIT extends EdgeLimitsApiIT {
  private static final String CHECKS = "poststack.health.checks";

  @Test
  void manyConcurrentHealthCallsRunAtMostOneRealCheckPerComponentPerTtl() {
    WebClient client = webClient();
    assertThat(meters.find(CHECKS).tag("component", "kafka").counter()).isNotNull();
    assertThat(meters.find(CHECKS).tag("component", "r2dbc").counter()).isNotNull();
    double kafkaBefore = counter(CHECKS, "component", "kafka");
    double databaseBefore = counter(CHECKS, "component", "r2dbc");
    long describesBefore = brokerDescribeClusterRequests();

    List<Integer> statuses =
        Flux.range(0, 300)
            .flatMap(
                i ->
                    client
                        .get()
                        .uri("/actuator/health")
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())),
                48)
            .collectList()
            .block(Duration.ofMinutes(2));

    assertThat(statuses).hasSize(300).containsOnly(200);
    // as the broker saw it (it runs in this JVM): not one describe per call
    assertThat(brokerDescribeClusterRequests() - describesBefore).isLessThanOrEqualTo(2);
    // the ttl here is a minute: the check cached before the test, or one made during it, and at
    // most one more if the minute ended meanwhile
    assertThat(counter(CHECKS, "component", "kafka") - kafkaBefore).isLessThanOrEqualTo(2);
    assertThat(counter(CHECKS, "component", "r2dbc") - databaseBefore).isLessThanOrEqualTo(2);
  }

  /** DescribeCluster requests the in-process broker has served, from its own request metrics. */
  private static long brokerDescribeClusterRequests() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Set<ObjectName> names =
          server.queryNames(
              new ObjectName(
                  "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=DescribeCluster,*"),
              null);
      assertThat(names).as("the broker's DescribeCluster request metric").isNotEmpty();
      long total = 0;
      for (ObjectName name : names) {
        total += ((Number) server.getAttribute(name, "Count")).longValue();
      }
      return total;
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void healthStillShowsKafkaAndPostgres() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.kafka.status")
        .isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status")
        .isEqualTo("UP");
  }
}
