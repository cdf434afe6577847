package dev.poststack.launcher.dev;

import dev.poststack.launcher.app.AppMissingException;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.AppStarter;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.mailhost.LocalMailHost;
import dev.poststack.launcher.mailhost.MailHostEnv;
import dev.poststack.launcher.mailhost.MailHostPlan;
import dev.poststack.launcher.postgres.DatabaseClaim;
import dev.poststack.launcher.postgres.PostgresProvider;
import dev.poststack.launcher.postgres.RunningPostgres;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.HostSealKey;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.WebhookSecretKey;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts the dev pipeline piece by piece, each under a progress line, registering how to stop it.
 */
final class DevStack {
  /** Every step but the mail hosts, which take one line each. */
  static final int STEPS_WITHOUT_MAIL_HOSTS = 5;

  private final LauncherEnv env;
  private final DataDirIdentity identity;
  private final AppStarter apps;
  private final PrintStream out;
  private final Progress progress;
  private final Shutdown shutdown;
  private final MailHostPlan mailHosts;

  DevStack(
      LauncherEnv env,
      DataDirIdentity identity,
      AppStarter apps,
      PrintStream out,
      Shutdown shutdown,
      MailHostPlan mailHosts) {
    this.env = env;
    this.identity = identity;
    this.apps = apps;
    this.out = out;
    this.progress = new Progress(out, STEPS_WITHOUT_MAIL_HOSTS + mailHosts.hosts().size());
    this.shutdown = shutdown;
    this.mailHosts = mailHosts;
  }

  KafkaBrokerProcess kafka() {
    begin("Kafka broker");
    KafkaBrokerProcess broker =
        step(
            () ->
                KafkaBrokerProcess.start(
                    new BrokerSettings(
                        env.dataDir().resolve("kafka"), env.kafkaPort(), Duration.ofSeconds(60))));
    shutdown.add("Kafka broker", broker);
    List<String> created = step(() -> broker.ensureTopics(Topics.all()));
    progress.ready(
        broker.bootstrapServers()
            + (created.isEmpty() ? "" : "  (created topics " + String.join(", ", created) + ")"));
    return broker;
  }

  /** The data directory's own database, claimed for it (another directory's is refused). */
  RunningPostgres postgres() {
    begin("PostgreSQL");
    RunningPostgres pg =
        step(() -> new PostgresProvider(env.postgres(identity.database())).provide());
    boolean embedded = "embedded".equals(pg.endpoint().kind());
    shutdown.add(
        embedded ? "embedded PostgreSQL" : "PostgreSQL connection (the local server keeps running)",
        pg);
    step(
        () -> {
          new DatabaseClaim(identity.id(), env.dataDir(), identity.adopted()).claim(pg.endpoint());
          identity.record(env.dataDir());
          return null;
        });
    progress.ready(pg.endpoint().describe());
    return pg;
  }

  Optional<RunningApp> provisioner(KafkaBrokerProcess broker, RunningPostgres pg) {
    return app(
        "provisioner",
        AppProperties.PROVISIONER_MAIN,
        AppProperties.provisioner(broker.bootstrapServers(), pg.endpoint(), logFile()),
        AppProperties.API_MAIN);
  }

  Optional<RunningApp> api(KafkaBrokerProcess broker, RunningPostgres pg) {
    return app(
        "API",
        AppProperties.API_MAIN,
        AppProperties.api(
            broker.bootstrapServers(),
            pg.endpoint(),
            logFile(),
            env.httpPort(),
            HostSealKey.resolve(env),
            clientSettings()),
        AppProperties.PROVISIONER_MAIN);
  }

  /**
   * What autodiscovery tells a mail client in dev: the local mail host's address and dev ports
   * (10993, 10995, 10465 unless set), and the API's own http URL, so Thunderbird pointed at {@code
   * http://127.0.0.1:8080} configures itself against this machine. POSTSTACK_PUBLIC_HOSTNAME still
   * names the platform in the DNS records.
   */
  private Map<String, Object> clientSettings() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("poststack.public-url", "http://127.0.0.1:" + env.httpPort());
    // webhooks: a key kept in the data directory, and a developer may point a webhook at a
    // receiver on this machine (production refuses loopback and private targets)
    p.put("poststack.webhooks.secret-key", WebhookSecretKey.resolve(env));
    p.put("poststack.webhooks.allow-private-targets", true);
    // the dashboard is served over dev's plain-HTTP loopback URL: a Secure cookie would never come
    // back, so signing in would always fail
    p.put("poststack.dashboard.secure-cookies", false);
    try {
      // several hosts: autodiscovery points at the first; all serve every mailbox
      HostSettings host = MailHostEnv.from(env, identity, mailHosts.hosts().get(0)).settings();
      String listen = host.listenAddress().value();
      p.put("poststack.client.hostname", listen.equals("0.0.0.0") ? "127.0.0.1" : listen);
      p.put("poststack.client.imaps-port", host.ports().imaps());
      p.put("poststack.client.pop3s-port", host.ports().pop3s());
      p.put("poststack.client.submissions-port", host.ports().submissions());
    } catch (RuntimeException e) {
      // a bad mail host setting was reported by the mail host step; the API keeps its defaults
    }
    return p;
  }

  /**
   * The local mail hosts, one step each, in order. With {@code POSTSTACK_MAILHOST=auto} (the
   * default) a machine that cannot run one, or a host that does not start, costs only its step: the
   * rest of the pipeline runs on. With {@code on} either stops {@code dev}.
   */
  List<LocalMailHost> mailHosts(KafkaBrokerProcess broker) {
    List<LocalMailHost> started = new ArrayList<>();
    for (MailHostPlan.Host host : mailHosts.hosts()) {
      mailHost(broker, host).ifPresent(started::add);
    }
    return started;
  }

  /** A local Dovecot + Postfix with its agent. */
  private Optional<LocalMailHost> mailHost(KafkaBrokerProcess broker, MailHostPlan.Host host) {
    begin(host.hostId().map(id -> "mail host " + id).orElse("mail host"));
    MailHostEnv mail = step(() -> MailHostEnv.from(env, identity, host));
    if (mail.mode() == MailHostEnv.Mode.OFF) {
      progress.skipped("POSTSTACK_MAILHOST=off");
      return Optional.empty();
    }
    Optional<String> unavailable = LocalMailHost.unavailableReason();
    if (unavailable.isPresent() && mail.mode() == MailHostEnv.Mode.ON) {
      progress.failed();
      throw new OperatorException("POSTSTACK_MAILHOST=on, but " + unavailable.get());
    }
    if (unavailable.isPresent()) {
      progress.skipped(unavailable.get() + "; the rest of the pipeline runs without one");
      return Optional.empty();
    }
    try {
      return Optional.of(
          started(step(() -> LocalMailHost.start(mail, broker.bootstrapServers(), env.dataDir()))));
    } catch (RuntimeException e) {
      if (mail.mode() == MailHostEnv.Mode.ON || shutdown.stopping()) {
        throw e;
      }
      out.println(
          "  "
              + (e instanceof OperatorException ? "" : e.getClass().getSimpleName() + ": ")
              + e.getMessage());
      out.println(
          "  The rest of the pipeline runs without "
              + host.hostId().map(id -> "mail host " + id).orElse("a mail host")
              + ". Fix the above, or set"
              + " POSTSTACK_MAILHOST=off to skip it (=on makes this fatal).");
      return Optional.empty();
    }
  }

  private LocalMailHost started(LocalMailHost host) {
    shutdown.add("mail host " + host.hostId() + " (agent, Dovecot, Postfix)", host);
    progress.ready(host.describe());
    return host;
  }

  /** The next step's progress line, unless a signal asked to stop. */
  void begin(String label) {
    shutdown.checkpoint();
    progress.begin(label);
  }

  Progress progress() {
    return progress;
  }

  private Optional<RunningApp> app(
      String name, String main, Map<String, Object> props, String sibling) {
    begin(name);
    try {
      RunningApp app = step(() -> apps.start(new AppSpec(name, main, props, List.of(sibling))));
      shutdown.add(name, app);
      progress.ready("logs in " + logFile());
      return Optional.of(app);
    } catch (AppMissingException e) {
      progress.skipped(e.getMessage() + " (its module is not built yet)");
      return Optional.empty();
    }
  }

  private Path logFile() {
    return env.logDir().resolve("poststack.log");
  }

  /**
   * Runs one action of a step; on failure closes the step's line so the error prints on its own.
   */
  private <T> T step(Supplier<T> action) {
    try {
      return action.get();
    } catch (AppMissingException e) {
      throw e;
    } catch (RuntimeException e) {
      if (shutdown.stopping()) {
        progress.stopped();
      } else {
        progress.failed();
      }
      throw e;
    }
  }
}
