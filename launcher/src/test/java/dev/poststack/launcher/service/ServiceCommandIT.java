package dev.poststack.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.PostStackCli;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poststack provisioner} and {@code poststack api} as their own processes against a real
 * broker and a real PostgreSQL database named only by the environment, as a container runs them:
 * they start, answer, stop on SIGTERM with 143, and refuse a missing dependency in one line.
 */
class ServiceCommandIT {
  private static final String SEAL_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @TempDir static Path brokerDir;
  @TempDir Path dataDir;

  private static KafkaBrokerProcess broker;
  private static TestDatabase db;

  @BeforeAll
  static void aBrokerAndADatabase() {
    broker =
        KafkaBrokerProcess.start(
            new BrokerSettings(brokerDir, FreePorts.pairForBroker(), Duration.ofSeconds(60)));
    broker.ensureTopics(Topics.all());
    db = TestDatabase.create();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void theProvisionerMigratesTheNamedDatabaseAndStopsWhenAsked() throws Exception {
    Run run = poststack(env(), "provisioner", "--stop-when-ready");

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out)
        .contains("Starting provisioner (PostgreSQL 127.0.0.1:5432/" + db.name())
        .contains("provisioner ready in")
        .contains("stopped provisioner");
    assertThat(
            count(
                "select count(*) from information_schema.tables where table_name ="
                    + " 'audit_event'"))
        .isEqualTo(1);
    assertThat(dataDir.resolve("provisioner.ready")).as("removed when it stops").doesNotExist();
  }

  @Test
  void theApiAnswersHealthAsItsOwnProcessAndStopsOnSigterm() throws Exception {
    int port = FreePorts.one();
    Map<String, String> env = env();
    env.put("POSTSTACK_HTTP_PORT", Integer.toString(port));
    Path log = dataDir.resolve("api.out");
    ProcessBuilder command =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.poststack.schemas",
                    "-cp",
                    System.getProperty("java.class.path"),
                    PostStackCli.class.getName(),
                    "api"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    command.environment().putAll(env);
    Process api = command.start();
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> !api.isAlive() || Files.readString(log).contains("api ready in"));
      assertThat(api.isAlive()).as(Files.readString(log)).isTrue();
      assertThat(dataDir.resolve("api.ready")).exists();
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");

      api.destroy(); // SIGTERM

      assertThat(api.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(api.exitValue()).isEqualTo(143);
      assertThat(Files.readString(log)).contains("Stopping api ...").contains("stopped api");
      assertThat(dataDir.resolve("api.ready")).doesNotExist();
    } finally {
      api.destroyForcibly();
    }
  }

  @Test
  void aDatabaseThatNeverAnswersIsOneLineAndExitOne() {
    Map<String, String> env = env();
    env.put("POSTSTACK_PG_PORT", Integer.toString(FreePorts.one()));
    env.put("POSTSTACK_STARTUP_WAIT_SECONDS", "1");

    Run run = poststack(env, "provisioner");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err.strip())
        .startsWith("poststack: PostgreSQL does not answer at")
        .doesNotContain("\n");
    assertThat(run.err).contains("POSTSTACK_STARTUP_WAIT_SECONDS");
  }

  @Test
  void aBrokerThatNeverAnswersIsOneLineAndExitOne() {
    Map<String, String> env = env();
    env.put("POSTSTACK_KAFKA_BOOTSTRAP", "127.0.0.1:" + FreePorts.one());
    env.put("POSTSTACK_STARTUP_WAIT_SECONDS", "1");

    Run run = poststack(env, "api");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err.strip())
        .startsWith("poststack: Kafka does not answer at 127.0.0.1:")
        .doesNotContain("\n");
  }

  @Test
  void aBadSettingIsAUsageError() {
    Map<String, String> env = env();
    env.put("POSTSTACK_STARTUP_WAIT_SECONDS", "soon");

    Run run = poststack(env, "provisioner");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err.strip())
        .isEqualTo(
            "poststack: POSTSTACK_STARTUP_WAIT_SECONDS must be a number of seconds (0..3600), got"
                + " 'soon'");
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("POSTSTACK_DATA_DIR", dataDir.toString());
    env.put("POSTSTACK_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    env.put("POSTSTACK_PG_HOST", "127.0.0.1");
    env.put("POSTSTACK_PG_PORT", "5432");
    env.put("POSTSTACK_PG_USER", db.user());
    env.put("POSTSTACK_PG_PASSWORD", db.password());
    env.put("POSTSTACK_PG_DATABASE", db.name());
    env.put("POSTSTACK_HTTP_PORT", Integer.toString(FreePorts.one()));
    env.put("POSTSTACK_HOST_SEAL_KEY", SEAL_KEY);
    return env;
  }

  private static long count(String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run poststack(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PostStackCli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
