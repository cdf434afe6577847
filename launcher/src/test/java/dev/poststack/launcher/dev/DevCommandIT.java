package dev.poststack.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.Extensions;
import dev.poststack.launcher.LauncherEnv;
import dev.poststack.launcher.OwnServicesOnlyClassLoader;
import dev.poststack.launcher.app.AppMissingException;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.kafka.FreePorts;
import dev.poststack.launcher.spi.DevBootstrap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The dev command over a real broker and the local PostgreSQL, with stand-ins for the two apps. */
class DevCommandIT {
  @TempDir Path dataDir;

  private final List<AppSpec> started = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void startsWhatIsBuiltHandsAppsTheirEndpointsBootstrapsTheDevTeamAndStopsEverything() throws Exception {
    int kafkaPort = FreePorts.pairForBroker();
    LauncherEnv env =
        LauncherEnv.from(
            Map.of(
                "POSTSTACK_DATA_DIR", dataDir.toString(),
                "POSTSTACK_KAFKA_PORT", Integer.toString(kafkaPort),
                "POSTSTACK_HTTP_PORT", "28080",
                "POSTSTACK_DEV_API_KEY", "sk_live_devkey",
                // MailHostCommandIT runs a real one; here the step must say why it did not
                "POSTSTACK_MAILHOST", "off"));
    FakeDevBootstrap.CALLS.clear();

    int exit = new CommandLine(new DevCommand(() -> env, fakeApps(), extensionsWithFakeBootstrap(), print())).execute("--stop-when-ready");

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("[1/6] Kafka broker", "[2/6] PostgreSQL", "[3/6] provisioner", "[4/6] API", "[5/6] dev team + domain",
        "[6/6] mail host            ... skipped: POSTSTACK_MAILHOST=off");
    assertThat(output).contains("PostStack ready in", "http://127.0.0.1:28080", "sk_live_devkey", "example.test (id 7, dom_7)");

    Map<String, Object> provisioner = started.get(0).properties();
    assertThat(started.get(0).mainClass()).isEqualTo(AppProperties.PROVISIONER_MAIN);
    assertThat(provisioner)
        .containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort)
        .containsEntry("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:5432/poststack")
        .containsEntry("spring.flyway.url", "jdbc:postgresql://127.0.0.1:5432/poststack")
        .containsEntry("spring.main.web-application-type", "none");
    assertThat(started.get(1).mainClass()).isEqualTo(AppProperties.API_MAIN);
    assertThat(started.get(1).properties()).containsEntry("server.port", 28080);

    assertThat(FakeDevBootstrap.CALLS)
        .containsExactly("team http://127.0.0.1:28080 sk_live_devkey", "domain sk_live_devkey example.test");
    assertThat(Files.readString(dataDir.resolve("dev-api-key")).strip()).isEqualTo("sk_live_devkey");
    assertThat(output).contains("[3/6] provisioner          ... skipped: class " + AppProperties.PROVISIONER_MAIN + " is not in this build");
    assertThat(closed).containsExactly("API");
    assertThat(dataDir.resolve("stack.properties")).doesNotExist();
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString())).orElse(false)))
        .as("broker child JVMs left").isEmpty();
  }

  private AppStarter fakeApps() {
    // the provisioner is "not built yet": the stack must carry on without it
    return spec -> {
      started.add(spec);
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
          return Optional.ofNullable(spec.properties().get("local.server.port".equals(key) ? "server.port" : key)).map(String::valueOf);
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
    Files.writeString(services.resolve(DevBootstrap.class.getName()), FakeDevBootstrap.class.getName() + "\n");
    return new Extensions(new OwnServicesOnlyClassLoader(dataDir.resolve("spi"), getClass().getClassLoader()));
  }

  private PrintStream print() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
