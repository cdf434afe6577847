package dev.poststack.api.support;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The API on a random port against a real KRaft broker, real PostgreSQL and the real provisioner
 * (unless {@code poststack.test.provisioner=false}). Every subclass with the same configuration
 * shares one cached context (one broker, one database); tests isolate themselves by creating their
 * own teams.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "poststack.rate-limit.per-second=10000",
      "poststack.rate-limit.burst=10000",
      "poststack.rate-limit.team.per-second=10000",
      "poststack.rate-limit.team.burst=10000",
      "poststack.rate-limit.unauthenticated.per-second=10000",
      "poststack.rate-limit.unauthenticated.burst=10000",
      // the R2DBC pool stays as in production (ten connections opened up front): a pool that opens
      // them on demand was seen to stall under the flood test's 48 concurrent key lookups
      "poststack.rate-limit.team.connections=1",
      "poststack.host-seal-key=" + ApiIT.HOST_SEAL_KEY,
      // contexts share one database but each has its own broker: only a test that reads the
      // control records turns the relay on, so no cached context relays them to its own broker
      "poststack.control-journal.enabled=false",
      // contexts share one database: only the webhook tests' context runs a dispatcher, so no
      // other cached context claims (and sends with its own settings) their deliveries
      "poststack.webhooks.dispatcher-enabled=false",
      "poststack.webhooks.secret-key=" + ApiIT.WEBHOOK_SECRET_KEY,
      "poststack.operator-token=" + ApiIT.OPERATOR_TOKEN
    })
@EmbeddedKafka(
    partitions = 3,
    topics = {
      "poststack.mailbox-events",
      "poststack.mailbox-events.dlt",
      "poststack.control-records",
      "poststack.host-status"
    })
@Import({PipelineConfig.class, OwnNettyLoops.class})
public abstract class ApiIT {
  protected static final TestDatabase DB = SharedDatabase.get();

  /** A fixed test-only key: the tests open what the API sealed with it. */
  public static final String HOST_SEAL_KEY = "dGVzdC1vbmx5LWhvc3Qtc2VhbC1rZXktMzItYnl0ZXM=";

  /** The operator token of the host registry's endpoints in every test context. */
  public static final String OPERATOR_TOKEN = "test-only-operator-token-0123456789";

  /** A fixed test-only key sealing webhook signing secrets. */
  public static final String WEBHOOK_SECRET_KEY = "dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LWtleS0zMmI=";

  @LocalServerPort protected int port;
  @Autowired protected EmbeddedKafkaBroker broker;

  protected WebTestClient http;
  protected TeamAdmin teams;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", DB::r2dbcUrl);
    registry.add("spring.r2dbc.username", DB::user);
    registry.add("spring.r2dbc.password", DB::password);
    registry.add("spring.flyway.url", DB::jdbcUrl);
    registry.add("spring.flyway.user", DB::user);
    registry.add("spring.flyway.password", DB::password);
  }

  @BeforeEach
  void client() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    teams =
        new TeamAdmin(new AdminDatabase(DB.jdbcUrl(), DB.user(), DB.password()).withApiSchema());
  }

  /** A fresh team and its full_access key. */
  protected TeamAdmin.TeamKey newTeam() {
    return teams.createTeam("team-" + java.util.UUID.randomUUID());
  }

  protected EventLog eventLog() {
    return new EventLog(broker.getBrokersAsString());
  }
}
