package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.domain.DomainAdmin;
import dev.poststack.admin.journal.ControlRecords;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.OwnNettyLoops;
import dev.poststack.api.support.PipelineConfig;
import dev.poststack.api.support.ProvisionerRunner;
import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.provisioner.ProvisionerApplication;
import dev.poststack.provisioner.ProvisionerSchema;
import dev.poststack.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Losing the database and rebuilding it from the Kafka log alone — the provisioner's state from the
 * events, the API's own rows (team, API keys) from the control records (ADR 0010) — gives the API's
 * answers back byte for byte (ids, public ids, timestamps, statuses), the same key works, and the
 * pipeline goes on with fresh ids. Its own context, broker and database: the test empties tables no
 * other test class may see.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "poststack.host-seal-key=" + ApiIT.HOST_SEAL_KEY,
      "poststack.webhooks.secret-key=" + ApiIT.WEBHOOK_SECRET_KEY,
      "poststack.webhooks.dispatcher-enabled=false"
    })
@EmbeddedKafka(
    partitions = 3,
    topics = {
      "poststack.mailbox-events",
      "poststack.mailbox-events.dlt",
      "poststack.control-records"
    })
@Import({PipelineConfig.class, OwnNettyLoops.class})
class RebuildFromTheLogIT {
  private static final TestDatabase OWN = ownDatabase();
  private static final String GROUP = "poststack-provisioner";

  @Autowired ProvisionerRunner provisioner;
  @Autowired EmbeddedKafkaBroker broker;
  @LocalServerPort int port;

  private static TestDatabase ownDatabase() {
    TestDatabase db = TestDatabase.create();
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    return db;
  }

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", OWN::r2dbcUrl);
    registry.add("spring.r2dbc.username", OWN::user);
    registry.add("spring.r2dbc.password", OWN::password);
    registry.add("spring.flyway.url", OWN::jdbcUrl);
    registry.add("spring.flyway.user", OWN::user);
    registry.add("spring.flyway.password", OWN::password);
  }

  @AfterAll
  static void drop() {
    OWN.close();
  }

  @Test
  void aLostStateRebuiltFromTheLogAnswersEveryGetAsBeforeAndNewWritesGetFreshIds()
      throws Exception {
    WebTestClient http =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    TeamAdmin.TeamKey team =
        new TeamAdmin(new AdminDatabase(OWN.jdbcUrl(), OWN.user(), OWN.password()).withApiSchema())
            .createTeam("rebuild-" + System.nanoTime());
    long domain = verifiedDomain(team.teamId(), "rebuild.example");
    Api api = new Api(http, team.apiKey());
    long anna = mailboxId(api, domain, "anna");
    long bob = mailboxId(api, domain, "bob");
    long carl = mailboxId(api, domain, "carl");
    api.patch("/mailboxes/" + anna, Map.of("displayName", "Anna K")).expectStatus().isOk();
    api.post("/mailboxes/" + bob + "/password", Map.of("password", "another-secret-456"))
        .expectStatus()
        .isOk();
    api.patch("/mailboxes/" + bob, Map.of("status", "suspended")).expectStatus().isOk();
    api.delete("/mailboxes/" + carl).expectStatus().isOk();
    api.post("/mailboxes", Fixtures.mailbox(domain, "anna")).expectStatus().isEqualTo(409);
    long help = aliasId(api, Fixtures.alias(domain, "help", anna));
    long gone = aliasId(api, Fixtures.alias(domain, "gone", anna));
    api.delete("/mailboxes/aliases/" + gone).expectStatus().isOk();
    long hook = webhookId(api);

    List<String> gets =
        List.of(
            "/mailboxes",
            "/mailboxes/" + anna,
            "/mailboxes/" + bob,
            "/mailboxes/aliases",
            "/mailboxes/" + carl,
            "/domains",
            "/domains/" + domain,
            "/webhooks",
            "/webhooks/" + hook);
    Map<String, String> before = answers(api, gets);

    provisioner.destroy();
    await().atMost(Duration.ofSeconds(30)).until(this::groupHasNoMembers);
    execute(
        "truncate domain, mailbox, alias, dkim_key, team_usage, processed_event, audit_event,"
            + " host_entry_outbox");
    api.get("/mailboxes/" + anna).expectStatus().isNotFound();
    // the API's own rows are lost too, once the relay has carried every change to the topic
    await().atMost(Duration.ofSeconds(30)).until(() -> count("control_journal") == 0);
    execute("truncate team, api_key, team_limit, webhook, account_event, control_journal cascade");
    assertThat(count("api_key")).isZero();

    try (Connection c = OWN.connect()) {
      ControlRecords.Restored restored =
          ControlRecords.restore(ControlRecords.read(broker.getBrokersAsString()), c);
      assertThat(restored.rows().get("team")).isPositive();
      assertThat(restored.rows().get("api_key")).isPositive();
    }
    try (ConfigurableApplicationContext replay = replayContext()) {
      EventReplayer.Result result = replay.getBean(EventReplayer.class).rebuild(p -> {});
      assertThat(result.applied()).isEqualTo(result.events()).isPositive();
    }
    provisioner.afterPropertiesSet();

    assertThat(answers(api, gets)).isEqualTo(before);
    long dora = mailboxId(api, domain, "dora");
    assertThat(dora).isGreaterThan(carl);
  }

  private Map<String, String> answers(Api api, List<String> paths) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path : paths) {
      byte[] body =
          api.get(path).expectStatus().isOk().expectBody().returnResult().getResponseBody();
      answers.put(path, new String(body, StandardCharsets.UTF_8));
    }
    return answers;
  }

  private long verifiedDomain(long teamId, String name) {
    try (DomainAdmin admin =
        new DomainAdmin(
            new AdminDatabase(OWN.jdbcUrl(), OWN.user(), OWN.password()),
            broker.getBrokersAsString(),
            Duration.ofSeconds(20),
            "test")) {
      return admin.ensureVerifiedDomain(teamId, name);
    }
  }

  @SuppressWarnings("unchecked")
  private static long mailboxId(Api api, long domain, String localPart) {
    return ((Number)
            ((Map<String, Object>)
                    api.post("/mailboxes", Fixtures.mailbox(domain, localPart))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("mailbox"))
                .get("id"))
        .longValue();
  }

  @SuppressWarnings("unchecked")
  private static long webhookId(Api api) {
    Map<String, Object> answer =
        api.post(
                "/webhooks",
                Map.of(
                    "url",
                    "https://hooks.example.com/rebuild",
                    "events",
                    List.of("mailbox.created")))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((Number) ((Map<String, Object>) answer.get("webhook")).get("id")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static long aliasId(Api api, Map<String, Object> body) {
    Map<String, Object> answer =
        api.post("/mailboxes/aliases", body)
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((Number) ((Map<String, Object>) answer.get("alias")).get("id")).longValue();
  }

  private ConfigurableApplicationContext replayContext() {
    return new SpringApplicationBuilder(ProvisionerApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
            "--spring.r2dbc.url=" + OWN.r2dbcUrl(),
            "--spring.r2dbc.username=" + OWN.user(),
            "--spring.r2dbc.password=" + OWN.password(),
            "--spring.flyway.url=" + OWN.jdbcUrl(),
            "--spring.flyway.user=" + OWN.user(),
            "--spring.flyway.password=" + OWN.password(),
            "--spring.kafka.listener.auto-startup=false",
            "--poststack.provisioner.outbox.relay=false",
            "--spring.r2dbc.pool.initial-size=1",
            "--spring.r2dbc.pool.max-size=2",
            "--spring.application.name=replay",
            "--spring.jmx.enabled=false");
  }

  private boolean groupHasNoMembers() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      var group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      return group.members().isEmpty();
    }
  }

  private static long count(String table) throws Exception {
    try (Connection c = OWN.connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = OWN.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
