package dev.poststack.system.support;

import static org.awaitility.Awaitility.await;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.api.ApiGatewayApplication;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.kafka.KafkaCluster;
import dev.poststack.provisioner.ProvisionerApplication;
import dev.poststack.provisioner.host.HostEntriesRepair;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.TestDatabase;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.SmtpSink;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline on this machine, once per test run: a KRaft broker in a child JVM (stoppable
 * and restartable on the same data directory and port) or, for a test of its own, a 3-broker
 * cluster replicating 3 / 2 ({@link #startWithCluster()}), a scratch PostgreSQL database, the
 * provisioner and the API as Spring contexts, a private Dovecot + Postfix and its reload agent in a
 * child JVM, all on free ports. {@link #close()} stops every one of them, also after a failed
 * start.
 */
public final class SystemStack implements AutoCloseable {
  public static final String MAIL_HOSTNAME = "mail.system.test";
  public static final String HOST_ID = "mx-system";

  /** The API's operator token ({@code POSTSTACK_OPERATOR_TOKEN}) for {@code GET /hosts}. */
  public static final String OPERATOR_TOKEN = "system-tests-operator-token-6f1d2c9a";

  /** Mail to this domain leaves through the mail host to {@link #remote()}, a sink on loopback. */
  public static final String REMOTE_DOMAIN = "remote.test";

  /** A fixed test-only key sealing webhook signing secrets (base64 of 32 bytes). */
  static final String WEBHOOK_SECRET_KEY = "dGVzdC1vbmx5LXdlYmhvb2stc2VhbC1rZXktMzJieXQ=";

  /** A fresh host seal key per run: the API and the agent must share it, nothing else has it. */
  static final String HOST_SEAL_KEY = HostKeySeal.newKeyBase64();

  private final Deque<AutoCloseable> stopInReverse = new ArrayDeque<>();
  private final Path base;

  /** How the brokers run: one child JVM, three child JVMs, or three containers. */
  private enum Brokers {
    SINGLE,
    PROCESSES,
    CONTAINERS
  }

  private final Brokers brokers;
  private TestDatabase db;
  private BrokerSettings brokerSettings;
  private volatile KafkaBrokerProcess broker;
  private BrokerCluster cluster;
  private String kafkaBootstrap;
  private ConfigurableApplicationContext provisioner;
  private String apiBaseUrl;
  private Map<String, String> hostEnv;
  private MailHostNode host;
  private final List<MailHostNode> extraHosts = new ArrayList<>();
  private MailClients mail;
  private SmtpSink remote;
  private final Thread cleanupHook = new Thread(this::close, "system-stack-cleanup");

  private SystemStack(Brokers brokers) throws IOException {
    this.brokers = brokers;
    base =
        Files.createTempDirectory(
            "poststack-system-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  public static SystemStack start() {
    return start(Brokers.SINGLE);
  }

  /** A stack of its own on three brokers (RF 3, min.insync 2), for the broker failover test. */
  public static SystemStack startWithCluster() {
    return start(Brokers.PROCESSES);
  }

  /**
   * The same on three containers of the official Apache Kafka image; only where a Docker engine
   * runs ({@link #containersAvailable()}).
   */
  public static SystemStack startWithContainerCluster() {
    return start(Brokers.CONTAINERS);
  }

  public static boolean containersAvailable() {
    return ContainerCluster.available();
  }

  private static SystemStack start(Brokers brokers) {
    SystemStack stack;
    try {
      stack = new SystemStack(brokers);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make a scratch directory", e);
    }
    Runtime.getRuntime().addShutdownHook(stack.cleanupHook);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    long t0 = System.nanoTime();
    db = TestDatabase.create();
    stopInReverse.push(db);
    if (brokers == Brokers.SINGLE) {
      brokerSettings =
          new BrokerSettings(
              base.resolve("kafka"), FreePorts.pairForBroker(), Duration.ofSeconds(60));
      kafkaBootstrap = brokerSettings.bootstrapServers();
      startKafka();
      stopInReverse.push(this::stopKafka);
    } else {
      cluster =
          brokers == Brokers.PROCESSES
              ? new ProcessCluster(
                  KafkaCluster.start(
                      base.resolve("kafka"),
                      brokerPorts(3),
                      TopicReplication.PRODUCTION,
                      Duration.ofSeconds(90)))
              : ContainerCluster.start(base.resolve("kafka"));
      stopInReverse.push(cluster);
      cluster.ensureTopics(Topics.all());
      kafkaBootstrap = cluster.bootstrapServers();
    }

    try {
      remote = new SmtpSink();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the remote SMTP sink", e);
    }
    SmtpSink sink = remote;
    stopInReverse.push(sink::close);

    // the mail host and its agent need only the broker: they start while the Spring contexts do;
    // four ports held at once, since one port asked for four times may come back twice
    int[] mailPorts = FreePorts.distinct(4);
    hostEnv =
        Map.of(
            "POSTSTACK_IMAPS_PORT", Integer.toString(mailPorts[0]),
            "POSTSTACK_POP3S_PORT", Integer.toString(mailPorts[1]),
            "POSTSTACK_SMTP_PORT", Integer.toString(mailPorts[2]),
            "POSTSTACK_SUBMISSIONS_PORT", Integer.toString(mailPorts[3]),
            "POSTSTACK_MAILHOST_NAME", MAIL_HOSTNAME,
            // the API seals each domain's DKIM keys with it, the agent opens them for rspamd
            "POSTSTACK_HOST_SEAL_KEY", HOST_SEAL_KEY,
            // mail to the remote domain leaves for the sink (the agent renders main.cf from this
            // too, so the route is in its settings, not only in this JVM's)
            "POSTSTACK_MAILHOST_ROUTES", REMOTE_DOMAIN + "=127.0.0.1:" + remote.port());
    host =
        new MailHostNode(
            HOST_ID,
            hostEnv,
            base.resolve("mailhost"),
            kafkaBootstrap,
            RunFiles.log("reload-agent.log"));
    CompletableFuture<MailHostNode> hostUp = CompletableFuture.supplyAsync(host::start);
    stopInReverse.push(() -> stopMailHost(hostUp));

    provisioner =
        new SpringApplicationBuilder(ProvisionerApplication.class)
            .web(WebApplicationType.NONE)
            .run(appArguments("provisioner"));
    stopInReverse.push(provisioner);
    int httpPort = FreePorts.one();
    List<String> apiArgs = new ArrayList<>(List.of(appArguments("api-gateway")));
    apiArgs.addAll(
        List.of(
            "--server.port=" + httpPort,
            "--poststack.mail-hostname=" + MAIL_HOSTNAME,
            "--poststack.host-seal-key=" + HOST_SEAL_KEY,
            "--poststack.dns.servers=" + TestDns.server().address(),
            "--poststack.rate-limit.per-second=10000",
            "--poststack.rate-limit.burst=10000",
            "--poststack.rate-limit.team.per-second=10000",
            "--poststack.rate-limit.team.burst=10000",
            // webhooks reach the tests' receivers on loopback, as under bin/poststack dev
            "--poststack.webhooks.secret-key=" + WEBHOOK_SECRET_KEY,
            "--poststack.webhooks.allow-private-targets=true",
            // the host registry: an operator credential for GET /hosts; a frozen agent shows as
            // stale within seconds, and a host stopped for a whole test class stays counted
            "--poststack.operator-token=" + OPERATOR_TOKEN,
            "--poststack.hosts.stale-seconds=5",
            "--poststack.hosts.offline-seconds=900"));
    ConfigurableApplicationContext api =
        new SpringApplicationBuilder(ApiGatewayApplication.class)
            .run(apiArgs.toArray(String[]::new));
    stopInReverse.push(api);
    apiBaseUrl = "http://127.0.0.1:" + httpPort;
    hostUp.join();
    mail = host.mail();
    awaitAgentReported(HOST_ID);
    System.out.printf(
        "system stack up in %.1f s: API %s, Kafka %s, mail host %s, database %s%n",
        (System.nanoTime() - t0) / 1e9,
        apiBaseUrl,
        kafkaBootstrap,
        host.settings().baseDir(),
        db.name());
  }

  private void stopMailHost(CompletableFuture<MailHostNode> hostUp) {
    try {
      hostUp.join().close();
    } catch (CompletionException startFailed) {
      // nothing left running: a failed start cleans up after itself
    }
  }

  /** Client ports of {@code n} brokers, none another's controller port (p + 1). */
  private static List<Integer> brokerPorts(int n) {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < n) {
      int p = FreePorts.pairForBroker();
      if (ports.stream().noneMatch(q -> Math.abs(q - p) <= 1)) {
        ports.add(p);
      }
    }
    return ports;
  }

  private String[] appArguments(String name) {
    TopicReplication replication =
        cluster == null ? TopicReplication.SINGLE_BROKER : cluster.replication();
    return new String[] {
      "--spring.kafka.bootstrap-servers=" + kafkaBootstrap,
      "--poststack.kafka.replication-factor=" + replication.factor(),
      "--poststack.kafka.min-insync-replicas=" + replication.minInsync(),
      "--spring.r2dbc.url=" + db.r2dbcUrl(),
      "--spring.r2dbc.username=" + db.user(),
      "--spring.r2dbc.password=" + db.password(),
      "--spring.flyway.url=" + db.jdbcUrl(),
      "--spring.flyway.user=" + db.user(),
      "--spring.flyway.password=" + db.password(),
      "--spring.application.name=" + name,
      "--spring.jmx.enabled=false",
      "--spring.main.banner-mode=off",
      "--logging.level.org.apache.kafka=WARN"
    };
  }

  /**
   * The provisioner has stored a report from the host: it counts in every mailbox's propagation.
   */
  private void awaitAgentReported(String hostId) {
    await("first report of " + hostId)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              try (var c = db.connect();
                  var s = c.prepareStatement("select 1 from mail_host where host_id = ?")) {
                s.setString(1, hostId);
                return s.executeQuery().next();
              }
            });
  }

  // ---- what the tests use ---------------------------------------------------------------------

  public Tenant tenant() {
    return Tenant.create(this);
  }

  TeamAdmin teams() {
    return new TeamAdmin(new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema());
  }

  ApiClient apiClient(String key) {
    return new ApiClient(apiBaseUrl, key);
  }

  /** The remote MX of {@link #REMOTE_DOMAIN}: what our hosts send out arrives here. */
  public SmtpSink remote() {
    return remote;
  }

  public MailClients mail() {
    return mail;
  }

  public HostSettings host() {
    return host.settings();
  }

  public HostStoreReader store() {
    return host.store();
  }

  /**
   * Another mail host beside the stack's own, as a second machine would be: its own directory, host
   * id and agent JVM, the same ports on its own loopback address ({@code 127.0.1.x}), so nothing of
   * it can collide with another host's. Started and reported before this returns; stopped by {@link
   * #close()} at the latest.
   */
  public MailHostNode addMailHost(String hostId, String listenAddress) {
    MailHostNode node =
        new MailHostNode(
            hostId,
            MailHostNode.with(hostEnv, "POSTSTACK_MAILHOST_LISTEN", listenAddress),
            base.resolve("mailhost-" + hostId),
            kafkaBootstrap,
            RunFiles.log("reload-agent-" + hostId + ".log"));
    synchronized (stopInReverse) {
      stopInReverse.push(node);
      extraHosts.add(node);
    }
    node.start();
    awaitAgentReported(hostId);
    return node;
  }

  /** Where the API listens ({@code http://127.0.0.1:<port>}), e.g. for a browser on /dashboard. */
  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  /** The API as the operator calls it: {@code /hosts} with {@link #OPERATOR_TOKEN}. */
  public ApiClient operator() {
    return new ApiClient(apiBaseUrl, OPERATOR_TOKEN);
  }

  public TestDatabase database() {
    return db;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  /** The 3-broker cluster of a stack from {@link #startWithCluster()} and its container twin. */
  public BrokerCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("this stack runs a single broker");
    }
    return cluster;
  }

  /** The host-entry set the state tables render to now (the provisioner's repair render). */
  public List<HostEntry> renderFromDatabase() {
    return provisioner.getBean(HostEntriesRepair.class).render().block(Duration.ofSeconds(30));
  }

  /** SIGKILLs the reload agent's JVM. */
  public void killAgent() {
    host.killAgent();
  }

  public void startAgent() {
    host.startAgent();
  }

  public boolean agentAlive() {
    return host.agentAlive();
  }

  /** Stops the broker cleanly; its data directory and port stay for {@link #startKafka()}. */
  public synchronized void stopKafka() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  public synchronized void startKafka() {
    if (broker == null) {
      broker = KafkaBrokerProcess.start(brokerSettings);
      broker.ensureTopics(Topics.all());
    }
  }

  @Override
  public void close() {
    RuntimeException first = null;
    synchronized (stopInReverse) {
      while (!stopInReverse.isEmpty()) {
        try {
          stopInReverse.pop().close();
        } catch (Exception e) {
          if (first == null) {
            first = new IllegalStateException("stopping the system stack failed", e);
          }
        }
      }
    }
    RunFiles.keepLogs(
        host == null ? null : host.logDir(),
        cluster == null
            ? new Path[] {base.resolve("kafka/broker.log")}
            : cluster.logs().toArray(Path[]::new));
    for (MailHostNode extra : extraHosts) {
      RunFiles.keepHostLogs("mailhost-" + extra.hostId(), extra.logDir());
    }
    RunFiles.deleteTree(base);
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what called us
    }
    if (first != null) {
      throw first;
    }
  }
}
