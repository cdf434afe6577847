package dev.poststack.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.OwnServicesOnlyClassLoader;
import dev.poststack.launcher.app.AppMissingException;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.mailhost.LocalMailHost;
import dev.poststack.launcher.spi.DevBootstrap;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The dev command over a real broker and the local PostgreSQL, with stand-ins for the two apps. */
class DevCommandIT {
  @TempDir Path dataDir;
  private final TestDatabase database = TestDatabase.create();

  private final List<AppSpec> started = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void startsWhatIsBuiltHandsAppsTheirEndpointsBootstrapsTheDevTeamAndStopsEverything()
      throws Exception {
    int kafkaPort = FreePorts.pairForBroker();

    // MailHostCommandIT runs a real mail host; here the step must say why it did not
    int exit =
        dev(
            Map.of(
                "POSTSTACK_KAFKA_PORT", Integer.toString(kafkaPort), "POSTSTACK_MAILHOST", "off"));

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    // the database is claimed before anything is written; the API opens last, once the dev team
    // exists
    assertThat(output)
        .containsSubsequence(
            "[1/6] PostgreSQL",
            "[2/6] Kafka broker",
            "[3/6] provisioner",
            "[4/6] dev team + domain",
            "[5/6] mail host            ... skipped: POSTSTACK_MAILHOST=off",
            "[6/6] API");
    assertThat(output)
        .contains(
            "PostStack ready in",
            "http://127.0.0.1:28080",
            "sk_live_devkey",
            "example.test (id 7, dom_7)");

    Map<String, Object> provisioner = started.get(0).properties();
    assertThat(started.get(0).mainClass()).isEqualTo(AppProperties.PROVISIONER_MAIN);
    assertThat(provisioner)
        .containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort)
        .containsEntry("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:5432/" + database.name())
        .containsEntry("spring.flyway.url", "jdbc:postgresql://127.0.0.1:5432/" + database.name())
        .containsEntry("spring.main.web-application-type", "none");
    assertThat(Files.readString(dataDir.resolve("identity.properties")))
        .contains("database=" + database.name());
    assertThat(started.get(1).mainClass()).isEqualTo(AppProperties.API_MAIN);
    assertThat(started.get(1).properties()).containsEntry("server.port", 28080);

    assertThat(FakeDevBootstrap.CALLS)
        .containsExactly(
            "start provisioner",
            "team http://127.0.0.1:28080 sk_live_devkey",
            "domain sk_live_devkey example.test",
            "member sk_live_devkey dev@example.test null",
            "start API");
    assertThat(Files.readString(dataDir.resolve("dev-api-key")).strip())
        .isEqualTo("sk_live_devkey");
    // the member's password is kept like the key, for the owner only, and printed under the API
    Path password = dataDir.resolve("dev-member-password");
    assertThat(Files.readString(password).strip()).isEqualTo("generated-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
        .isEqualTo("rw-------");
    assertThat(output)
        .containsSubsequence(
            "  API         http://127.0.0.1:28080\n",
            "  API key     sk_live_devkey\n",
            "  Dashboard   http://127.0.0.1:28080/dashboard\n",
            "  Sign in     dev@example.test / generated-password\n");
    assertThat(output)
        .contains(
            "[3/6] provisioner          ... skipped: class "
                + AppProperties.PROVISIONER_MAIN
                + " is not in this build");
    assertThat(closed).containsExactly("API");
    assertThat(dataDir.resolve("stack.properties")).doesNotExist();
    assertNoChildLeft();
  }

  @Test
  void aMailHostThatCannotStartCostsOnlyItsOwnStepUnlessItWasAskedFor() throws Exception {
    MailDaemonsRequired.assumeAvailable(LocalMailHost.unavailableReason());
    Path hostDir =
        Files.createTempDirectory(
            "poststack-dev-it-host",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> env =
          new HashMap<>(
              Map.of(
                  "POSTSTACK_KAFKA_PORT",
                  Integer.toString(FreePorts.pairForBroker()),
                  "POSTSTACK_MAILHOST_DIR",
                  hostDir.resolve("local").toString(),
                  "POSTSTACK_HOST_ID",
                  "dev-it",
                  "POSTSTACK_IMAPS_PORT",
                  Integer.toString(taken.getLocalPort())));
      for (String p :
          List.of("POSTSTACK_POP3S_PORT", "POSTSTACK_SMTP_PORT", "POSTSTACK_SUBMISSIONS_PORT")) {
        env.put(p, Integer.toString(FreePorts.one()));
      }

      int auto = dev(env);

      String output = out.toString(StandardCharsets.UTF_8);
      assertThat(auto).as(output).isZero();
      assertThat(output)
          .containsSubsequence(
              "[5/6] mail host            ... FAILED",
              "runs without a mail host",
              "[6/6] API",
              "PostStack ready in",
              "Mail host   not running");

      out.reset();
      env.put("POSTSTACK_MAILHOST", "on");
      int on = dev(env);

      output = out.toString(StandardCharsets.UTF_8);
      assertThat(on).as(output).isEqualTo(1);
      assertThat(output)
          .contains("[5/6] mail host            ... FAILED")
          .doesNotContain("[6/6] API", "PostStack ready");
      assertNoChildLeft();
    } finally {
      deleteTree(hostDir);
    }
  }

  @Test
  void severalMailHostsStartOneStepEachOnTheirOwnAddressesAndAllStop() throws Exception {
    MailDaemonsRequired.assumeAvailable(LocalMailHost.unavailableReason());
    int[] ports = FreePorts.distinct(4);
    Map<String, String> env =
        Map.of(
            "POSTSTACK_KAFKA_PORT", Integer.toString(FreePorts.pairForBroker()),
            "POSTSTACK_IMAPS_PORT", Integer.toString(ports[0]),
            "POSTSTACK_POP3S_PORT", Integer.toString(ports[1]),
            "POSTSTACK_SMTP_PORT", Integer.toString(ports[2]),
            "POSTSTACK_SUBMISSIONS_PORT", Integer.toString(ports[3]));
    Path hostsDir = null;
    try {
      int exit = dev(env, "--mail-hosts", "2");

      String output = out.toString(StandardCharsets.UTF_8);
      String id =
          Files.readAllLines(dataDir.resolve("identity.properties")).stream()
              .filter(l -> l.startsWith("id="))
              .findFirst()
              .orElseThrow()
              .substring(3);
      hostsDir = LauncherEnv.MAILHOST_ROOT.resolve(id);
      assertThat(exit).as(output).isZero();
      String ports4 =
          "IMAPS "
              + ports[0]
              + ", POP3S "
              + ports[1]
              + ", SMTP "
              + ports[2]
              + ", submissions "
              + ports[3];
      // the same ports on two addresses: the two hosts never meet
      assertThat(output)
          .containsSubsequence(
              "[5/7] mail host mh-1",
              "ready in",
              ports4 + " on 127.0.1.1",
              "[6/7] mail host mh-2",
              "ready in",
              ports4 + " on 127.0.1.2",
              "[7/7] API",
              "PostStack ready in",
              "Mail hosts  2 of 2",
              "mh-1      " + ports4 + " on 127.0.1.1",
              "mh-2      " + ports4 + " on 127.0.1.2",
              "Host dirs   " + hostsDir);
      assertThat(hostsDir.resolve("mh-1/db/mail.sqlite")).exists();
      assertThat(hostsDir.resolve("mh-2/db/mail.sqlite")).exists();
      Path stopped = hostsDir;
      assertThat(
              ProcessHandle.allProcesses()
                  .filter(
                      p ->
                          p.info()
                              .commandLine()
                              .map(cmd -> cmd.contains(stopped.toString()))
                              .orElse(false)))
          .as("daemons left running")
          .isEmpty();
      assertNoChildLeft();
    } finally {
      if (hostsDir != null && Files.isDirectory(hostsDir)) {
        deleteTree(hostsDir);
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private int dev(Map<String, String> overrides, String... options) throws Exception {
    Map<String, String> vars =
        new HashMap<>(
            Map.of(
                "POSTSTACK_DATA_DIR",
                dataDir.toString(),
                "POSTSTACK_HTTP_PORT",
                "28080",
                "POSTSTACK_DEV_API_KEY",
                "sk_live_devkey",
                "POSTSTACK_PG_DATABASE",
                database.name()));
    vars.putAll(overrides);
    LauncherEnv env = LauncherEnv.from(vars);
    FakeDevBootstrap.CALLS.clear();
    started.clear();
    closed.clear();
    return new CommandLine(
            new DevCommand(() -> env, fakeApps(), extensionsWithFakeBootstrap(), print()))
        .execute(
            Stream.concat(Stream.of("--stop-when-ready"), Stream.of(options))
                .toArray(String[]::new));
  }

  private void assertNoChildLeft() {
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .arguments()
                            .map(a -> String.join(" ", a).contains(dataDir.toString()))
                            .orElse(false)))
        .as("broker child JVMs left")
        .isEmpty();
  }

  private AppStarter fakeApps() {
    // the provisioner is "not built yet": the stack must carry on without it
    return spec -> {
      started.add(spec);
      FakeDevBootstrap.CALLS.add("start " + spec.name());
      if (spec.mainClass().equals(AppProperties.PROVISIONER_MAIN)) {
        throw new AppMissingException(spec.mainClass());
      }
      return new RunningApp() {
        @Override
        public String name() {
          return spec.name();
        }

        @Override
        public Optional<String> property(String key) {
          return Optional.ofNullable(
                  spec.properties().get("local.server.port".equals(key) ? "server.port" : key))
              .map(String::valueOf);
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
          return Optional.empty();
        }

        @Override
        public void close() {
          closed.add(spec.name());
        }
      };
    };
  }

  private Extensions extensionsWithFakeBootstrap() throws Exception {
    Path services = Files.createDirectories(dataDir.resolve("spi/META-INF/services"));
    Files.writeString(
        services.resolve(DevBootstrap.class.getName()), FakeDevBootstrap.class.getName() + "\n");
    return new Extensions(
        new OwnServicesOnlyClassLoader(dataDir.resolve("spi"), getClass().getClassLoader()));
  }

  private PrintStream print() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
