package dev.poststack.system.support;

import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.agent.mailhost.MailHostSettings;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.MailEndpoints;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One mail host of the test run, as a separate machine would run it: a private Dovecot + Postfix
 * owned by the test JVM ({@link MailHost}) on one loopback address, and its reload agent in a JVM
 * of its own ({@link AgentProcess}) that adopts the running daemons, so a test can stop, SIGKILL or
 * freeze the agent while the daemons go on serving. The stack's own host is one; a cluster test
 * adds more ({@link SystemStack#addMailHost}).
 */
public final class MailHostNode implements AutoCloseable {
  private final String hostId;
  private final HostSettings settings;
  private final Map<String, String> env;
  private final AgentProcess agent;
  private final Path agentLog;
  private MailHost daemons;

  /**
   * @param env the mail host settings both the daemons and the agent read ({@code POSTSTACK_*}:
   *     ports, name, listen address, seal key, routes)
   */
  MailHostNode(String hostId, Map<String, String> env, Path dir, String kafkaBootstrap, Path log) {
    this.hostId = hostId;
    this.env = Map.copyOf(env);
    this.settings = MailHostSettings.from(env, dir);
    this.agent = new AgentProcess(hostId, kafkaBootstrap, dir, env, log);
    this.agentLog = log;
  }

  /** Daemons first (the agent adopts them), then the agent. */
  synchronized MailHostNode start() {
    daemons =
        MailHost.start(
            settings,
            Optional.ofNullable(env.get("POSTSTACK_HOST_SEAL_KEY")).map(HostKeySeal::fromBase64));
    try {
      agent.start();
      return this;
    } catch (RuntimeException e) {
      daemons.close();
      daemons = null;
      throw e;
    }
  }

  /** The settings of {@code env} with one changed, e.g. another listen address for a new host. */
  static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> changed = new HashMap<>(env);
    changed.put(name, value);
    return changed;
  }

  public String hostId() {
    return hostId;
  }

  public HostSettings settings() {
    return settings;
  }

  /** The address clients connect to: the host's own listen address. */
  public String address() {
    return settings.listenAddress().isAny() ? "127.0.0.1" : settings.listenAddress().value();
  }

  /** Real TLS clients pointed at this host's address, trusting its certificate. */
  public MailClients mail() {
    var p = settings.ports();
    return new MailClients(
        new MailEndpoints(
            address(),
            p.imaps(),
            p.pop3s(),
            p.smtp(),
            p.submissions(),
            Path.of(settings.tlsCertPath().value())));
  }

  public HostStoreReader store() {
    return new HostStoreReader(Path.of(settings.storePath().value()));
  }

  /** SIGKILL: no shutdown hook, no clean close. */
  public void killAgent() {
    agent.kill();
  }

  /** SIGTERM: the agent closes cleanly; the daemons keep serving the store as it is. */
  public void stopAgent() {
    agent.stop();
  }

  public void startAgent() {
    agent.start();
  }

  public boolean agentAlive() {
    return agent.isAlive();
  }

  /** SIGSTOP: the agent's JVM stands still (no poll, no report, no commit) without exiting. */
  public void freezeAgent() {
    agent.signal("STOP");
  }

  /** SIGCONT after {@link #freezeAgent()}. */
  public void thawAgent() {
    agent.signal("CONT");
  }

  /**
   * What the agent's JVMs logged from byte {@code from} on (the file is appended to across restarts
   * and runs); {@link #agentLogSize()} marks a point.
   */
  public String agentLogSince(long from) {
    try {
      byte[] all = Files.readAllBytes(agentLog);
      return new String(
          all,
          (int) Math.min(from, all.length),
          (int) Math.max(0, all.length - from),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long agentLogSize() {
    try {
      return Files.exists(agentLog) ? Files.size(agentLog) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path logDir() {
    return Path.of(settings.layout().logDir().value());
  }

  /** Stops the agent, then the daemons; a second call finds nothing to stop. */
  @Override
  public synchronized void close() {
    try {
      agent.signal("CONT"); // a frozen JVM cannot act on SIGTERM
      agent.stop();
    } finally {
      if (daemons != null) {
        daemons.close();
        daemons = null;
      }
    }
  }
}
