package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.EdgeLimitsApiIT;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/** /actuator/health is public: however many call it, the real checks stay few. */
@DirtiesContext // a context of its own: close it when done, it holds database connections
class HealthCacheIT extends EdgeLimitsApiIT {
  private static final String CHECKS = "poststack.health.checks";

  @Test
  void manyConcurrentHealthCallsRunAtMostOneRealCheckPerComponentPerTtl() throws Exception {
    assertThat(meters.find(CHECKS).tag("component", "kafka").counter()).isNotNull();
    assertThat(meters.find(CHECKS).tag("component", "r2dbc").counter()).isNotNull();
    double kafkaBefore = counter(CHECKS, "component", "kafka");
    double databaseBefore = counter(CHECKS, "component", "r2dbc");
    long describesBefore = brokerDescribeClusterRequests();

    // 48 callers at once, on the JDK's client: a reactive client once lost one answer the server
    // had sent (all 300 logged as 200), which hung the test without saying anything about health
    ExecutorService callers = Executors.newFixedThreadPool(48);
    List<Integer> statuses;
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
              .timeout(Duration.ofSeconds(30))
              .build();
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        calls.add(() -> client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode());
      }
      statuses = new ArrayList<>();
      for (Future<Integer> f : callers.invokeAll(calls, 2, TimeUnit.MINUTES)) {
        statuses.add(f.get());
      }
    } finally {
      callers.shutdownNow();
    }

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
