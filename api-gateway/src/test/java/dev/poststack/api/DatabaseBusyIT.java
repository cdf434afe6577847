package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;

/**
 * Every pooled connection busy: a request waits {@code spring.r2dbc.pool.max-acquire-time} for one
 * and then answers 503 {@code database_busy} with Retry-After, instead of hanging as long as the
 * pool stays busy; once a connection is free again, requests are answered.
 */
@TestPropertySource(
    properties = {
      "spring.r2dbc.pool.initial-size=2",
      "spring.r2dbc.pool.max-size=2",
      "spring.r2dbc.pool.max-acquire-time=1s",
      "poststack.test.provisioner=false"
    })
class DatabaseBusyIT extends ApiIT {
  @Autowired ConnectionFactory connections;

  @Test
  void aRequestThatGetsNoConnectionInTimeIsA503WithRetryAfterNotAHang() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    api.get("/domains").expectStatus().isOk();

    ConnectionPool pool = (ConnectionPool) connections;
    List<Connection> held = new ArrayList<>();
    try {
      // every connection of the pool, each waited for: a background statement of the first
      // request (the key's last-use update) may hold one for a moment, and counting the free ones
      // at that moment would leave one for the request under test
      int all = pool.getMetrics().orElseThrow().getMaxAllocatedSize();
      for (int i = 0; i < all; i++) {
        held.add(Mono.from(pool.create()).block(Duration.ofSeconds(10)));
      }

      expectProblem(
          api.get("/domains").expectHeader().valueEquals("Retry-After", "1"), 503, "database_busy");
    } finally {
      held.forEach(c -> Mono.from(c.close()).block(Duration.ofSeconds(10)));
    }
    api.get("/domains").expectStatus().isOk();
  }
}
