package dev.poststack.launcher.service;

import static dev.poststack.launcher.service.ComposeFile.list;
import static dev.poststack.launcher.service.ComposeFile.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.mailhost.MailHostSettings;
import dev.poststack.launcher.PostStackCli;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.renderer.hostconfig.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs where the tests run, so {@code docker-compose.yml} is checked by reading
 * it: every service, image, build, volume, port, health check and setting it names exists in this
 * repository and agrees with what the apps read from those settings.
 */
class ComposeFileTest {
  private static final List<String> KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");
  private static final List<String> APPS = List.of("api", "provisioner");
  private static final List<String> MAIL_HOSTS = List.of("mailhost-1", "mailhost-2");

  /**
   * Settings the kafkaha branch adds (topic replication from settings). Until it is merged they are
   * neither read nor documented here; once they are, the full check below applies to them.
   */
  private static final Set<String> ADDED_BY_ANOTHER_BRANCH =
      Set.of("POSTSTACK_KAFKA_REPLICATION_FACTOR", "POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS");

  private static ComposeFile compose;

  @BeforeAll
  static void load() throws IOException {
    compose = ComposeFile.load();
  }

  @Test
  void runsThreeBrokersPostgresTheTwoAppsAndTwoMailHostsEachRestartedAndHealthChecked() {
    assertThat(compose.services().keySet())
        .containsExactlyInAnyOrder(
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "postgres",
            "api",
            "provisioner",
            "mailhost-1",
            "mailhost-2");
    compose
        .services()
        .forEach(
            (name, s) -> {
              Map<String, Object> service = map(s);
              assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
              assertThat(list(map(service.get("healthcheck")).get("test"))).as(name).isNotEmpty();
              map(service.get("depends_on"))
                  .forEach(
                      (dep, how) -> {
                        assertThat(compose.services()).as(name + " depends on").containsKey(dep);
                        assertThat(map(how).get("condition")).isEqualTo("service_healthy");
                      });
            });
  }

  @Test
  void pinsTheOfficialImagesToTheVersionsTheBuildUses() {
    // kafka-clients in the build is the version the brokers run
    KAFKA.forEach(
        b ->
            assertThat(compose.service(b).get("image"))
                .isEqualTo("apache/kafka:" + AppInfoParser.getVersion()));
    assertThat((String) compose.service("postgres").get("image")).startsWith("postgres:15.");
  }

  @Test
  void buildsOurImagesFromStagesOfADockerfileInThisRepository() throws IOException {
    for (String name : concat(APPS, MAIL_HOSTS)) {
      Map<String, Object> build = map(compose.service(name).get("build"));
      Path context = compose.root.resolve((String) build.get("context")).normalize();
      Path dockerfile = context.resolve((String) build.get("dockerfile"));
      assertThat(dockerfile).as(name).isRegularFile();
      assertThat(Files.readString(dockerfile))
          .as(name + "'s target stage")
          .containsPattern(
              "(?m)^FROM \\S+ AS " + Pattern.quote((String) build.get("target")) + "$");
      // every module's sources are in the context: a .dockerignore may drop only outputs
      assertThat(Files.readAllLines(compose.root.resolve(".dockerignore")))
          .noneMatch(line -> line.strip().matches("src|\\*\\*/src|launcher|pom\\.xml|mvnw|\\.mvn"));
    }
    assertThat(Files.readString(compose.root.resolve("deploy/Dockerfile")))
        .contains(
            "FROM debian:12-slim AS runtime", "./mvnw -q -B -DskipTests -pl launcher -am package");
  }

  @Test
  void eachServiceRunsACommandOfThisLauncher() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(PostStackCli.run(new String[] {"--help"}, Map.of(), print, print)).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    for (String name : concat(APPS, MAIL_HOSTS)) {
      String sub = (String) list(compose.service(name).get("command")).get(0);
      assertThat(help)
          .as(name + " runs poststack " + sub)
          .containsPattern("(?m)^\\s+" + sub + "\\s");
    }
    assertThat(list(compose.service("api").get("command"))).containsExactly("api");
    assertThat(list(compose.service("provisioner").get("command"))).containsExactly("provisioner");
    MAIL_HOSTS.forEach(
        h -> assertThat(list(compose.service(h).get("command"))).containsExactly("mailhost"));
  }

  @Test
  void everyPieceOfStateLivesOnADeclaredVolume() {
    Set<String> declared = map(compose.yaml.get("volumes")).keySet();
    Set<String> used = new HashSet<>();
    compose
        .services()
        .forEach(
            (name, s) -> {
              for (Object v : list(map(s).get("volumes"))) {
                String volume = ((String) v).split(":")[0];
                assertThat(declared).as(name + " mounts a named volume").contains(volume);
                assertThat(used.add(volume)).as(volume + " is used by one service only").isTrue();
              }
            });
    assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
    KAFKA.forEach(b -> assertMounted(b, compose.environment(b).get("KAFKA_LOG_DIRS")));
    assertMounted("postgres", "/var/lib/postgresql/data");
    for (String name : concat(APPS, MAIL_HOSTS)) {
      assertMounted(name, compose.environment(name).get("POSTSTACK_DATA_DIR"));
    }
    MAIL_HOSTS.forEach(h -> assertMounted(h, compose.environment(h).get("POSTSTACK_MAILHOST_DIR")));
  }

  @Test
  void theBrokersFormOneQuorumWithProductionReplication() {
    Set<String> ids = new TreeSet<>();
    List<String> advertised = new ArrayList<>();
    for (String b : KAFKA) {
      Map<String, String> env = compose.environment(b);
      ids.add(env.get("KAFKA_NODE_ID"));
      advertised.add(env.get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", ""));
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://" + b + ":9092");
      assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
          .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
      assertThat(env)
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
      assertThat(env.get("CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
    }
    assertThat(ids).containsExactly("1", "2", "3");
    for (String name : concat(APPS, MAIL_HOSTS)) {
      assertThat(compose.environment(name).get("POSTSTACK_KAFKA_BOOTSTRAP").split(","))
          .as(name)
          .containsExactlyElementsOf(advertised);
    }
    for (String app : APPS) {
      assertThat(compose.environment(app))
          .containsEntry("POSTSTACK_KAFKA_REPLICATION_FACTOR", "3")
          .containsEntry("POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS", "2");
    }
  }

  @Test
  void theAppsReachThePostgresServiceAsTheUserAndDatabaseItCreates() {
    Map<String, String> pg = compose.environment("postgres");
    for (String app : APPS) {
      ServiceEnv env = ServiceEnv.from(LauncherEnv.from(compose.environment(app)), app);
      assertThat(env.postgres().host()).isEqualTo("postgres");
      assertThat(env.postgres().port()).isEqualTo(5432);
      assertThat(env.postgres().user()).isEqualTo(pg.get("POSTGRES_USER"));
      assertThat(env.postgres().database()).isEqualTo(pg.get("POSTGRES_DB"));
      assertThat(compose.rawEnvironment(app, "POSTSTACK_PG_PASSWORD"))
          .isEqualTo(compose.rawEnvironment("postgres", "POSTGRES_PASSWORD"));
    }
  }

  @Test
  void theHealthChecksAskThePortsAndFilesTheSettingsGive() {
    Map<String, String> apiEnv = compose.environment("api");
    int http = LauncherEnv.from(apiEnv).httpPort();
    assertThat(list(compose.service("api").get("ports")))
        .containsExactly("127.0.0.1:" + http + ":" + http);
    assertThat(healthCheck("api")).contains("http://127.0.0.1:" + http + "/actuator/health");

    ServiceEnv provisioner =
        ServiceEnv.from(LauncherEnv.from(compose.environment("provisioner")), "provisioner");
    assertThat(healthCheck("provisioner")).endsWith(" " + provisioner.readyFile());

    for (String host : MAIL_HOSTS) {
      Map<String, String> env = compose.environment(host);
      Ports ports = MailHostSettings.from(env, Path.of(env.get("POSTSTACK_MAILHOST_DIR"))).ports();
      assertThat(healthCheck(host)).contains("/dev/tcp/127.0.0.1/" + ports.imaps());
      assertThat(env.get("POSTSTACK_MAILHOST_LISTEN")).isEqualTo("0.0.0.0");
    }
  }

  @Test
  void theFirstMailHostPublishesExactlyItsMailPortsAndTheSecondNone() {
    Map<String, String> env = compose.environment("mailhost-1");
    Ports p = MailHostSettings.from(env, Path.of(env.get("POSTSTACK_MAILHOST_DIR"))).ports();
    assertThat(list(compose.service("mailhost-1").get("ports")))
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(p.smtp(), p.submissions(), p.imaps(), p.pop3s())
                .map(port -> port + ":" + port)
                .toList());
    assertThat(compose.service("mailhost-2")).doesNotContainKey("ports");
    assertThat(compose.environment("mailhost-1").get("POSTSTACK_HOST_ID"))
        .isNotEqualTo(compose.environment("mailhost-2").get("POSTSTACK_HOST_ID"));
  }

  @Test
  void theApiAndEveryMailHostShareOneHostSealKeyAndOneMailHostName() {
    for (String name : List.of("POSTSTACK_HOST_SEAL_KEY", "POSTSTACK_MAILHOST_NAME")) {
      String api = compose.rawEnvironment("api", name);
      assertThat(api).startsWith("${" + name + ":?");
      MAIL_HOSTS.forEach(h -> assertThat(compose.rawEnvironment(h, name)).isEqualTo(api));
    }
  }

  @Test
  void everySettingItNamesIsOneTheAppsReadAndTheLauncherReadmeDocuments() throws IOException {
    Set<String> read = settingsReadBySources();
    Set<String> documented = settingsDocumented();
    Set<String> named = new TreeSet<>();
    compose.services().keySet().stream()
        .map(compose::environment)
        .forEach(
            env ->
                env.keySet().stream().filter(k -> k.startsWith("POSTSTACK_")).forEach(named::add));
    assertThat(named).contains("POSTSTACK_KAFKA_BOOTSTRAP", "POSTSTACK_PG_HOST");
    for (String setting : named) {
      if (ADDED_BY_ANOTHER_BRANCH.contains(setting)
          && !read.contains(setting)
          && !documented.contains(setting)) {
        continue;
      }
      assertThat(read).as(setting + " is read by an app").contains(setting);
      assertThat(documented).as(setting + " is in launcher/README.md's table").contains(setting);
    }
    // every ${VAR} the file uses is one the example .env explains
    assertThat(compose.example.keySet()).containsAll(compose.variablesReferenced);
  }

  private static String healthCheck(String service) {
    return list(map(compose.service(service).get("healthcheck")).get("test")).stream()
        .map(String::valueOf)
        .collect(Collectors.joining(" "));
  }

  private static void assertMounted(String service, String path) {
    assertThat(path).as(service + "'s state directory").isNotNull();
    assertThat(list(compose.service(service).get("volumes")))
        .as(service + " keeps " + path + " on a volume")
        .anyMatch(
            v -> {
              String target = ((String) v).split(":")[1];
              return path.equals(target) || path.startsWith(target + "/");
            });
  }

  /** Every {@code POSTSTACK_*} name the main sources and configuration spell out. */
  private static Set<String> settingsReadBySources() throws IOException {
    Pattern name = Pattern.compile("POSTSTACK_[A-Z0-9_]*[A-Z0-9]");
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(compose.root)) {
      List<Path> sources =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.toString().contains("/src/main/"))
              .filter(p -> !p.toString().contains("/target/"))
              .filter(p -> p.toString().matches(".*\\.(java|yml|yaml|properties)$"))
              .toList();
      for (Path p : sources) {
        Matcher m = name.matcher(Files.readString(p));
        while (m.find()) {
          found.add(m.group());
        }
      }
    }
    return found;
  }

  /**
   * The names in launcher/README.md's settings table; a cell's {@code `_PORT`} after {@code
   * `POSTSTACK_PG_HOST`} stands for {@code POSTSTACK_PG_PORT}.
   */
  private static Set<String> settingsDocumented() throws IOException {
    Set<String> names = new TreeSet<>();
    Pattern code = Pattern.compile("`(POSTSTACK_[A-Z0-9_]+|_[A-Z0-9_]+)`");
    for (String line : Files.readAllLines(compose.root.resolve("launcher/README.md"))) {
      if (!line.startsWith("| `POSTSTACK_")) {
        continue;
      }
      String cell = line.split("\\|")[1];
      Matcher m = code.matcher(cell);
      String first = null;
      while (m.find()) {
        String n = m.group(1);
        if (n.startsWith("POSTSTACK_")) {
          first = n;
          names.add(n);
        } else if (first != null) {
          for (int i = first.indexOf('_'); i >= 0; i = first.indexOf('_', i + 1)) {
            names.add(first.substring(0, i) + n);
          }
        }
      }
    }
    return names;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
