package dev.poststack.launcher.kafka;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.schemas.TopicReplication;
import dev.poststack.schemas.TopicSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * A single-node KRaft broker in a child JVM, built from Kafka's own Maven artifacts.
 *
 * <p>The child writes its log to {@code broker.log} in the data dir, never to our stdout: a daemon
 * holding our stdout open would hang whoever reads it. Our end of the child's stdin stays open
 * while we live; the child exits when it closes (see BrokerMain), so even a SIGKILLed launcher
 * leaves no broker behind.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final BrokerSettings settings;
  private final Process process;
  private final OutputStream lifeline;

  private KafkaBrokerProcess(BrokerSettings settings, Process process) {
    this.settings = settings;
    this.process = process;
    this.lifeline = process.getOutputStream();
  }

  /** Starts the broker and returns once it answers a describeCluster request. */
  public static KafkaBrokerProcess start(BrokerSettings settings) {
    KafkaBrokerProcess broker = launch(settings);
    broker.awaitReady();
    return broker;
  }

  /**
   * Starts the broker's JVM without waiting for it: a node of a cluster answers only once a
   * majority of its quorum runs, so a cluster launches every node before it waits for any.
   */
  static KafkaBrokerProcess launch(BrokerSettings settings) {
    refuseBusyPort(settings.port());
    refuseBusyPort(settings.controllerPort());
    String classpath = BrokerClasspath.load();
    try {
      BrokerStorage.prepare(settings, classpath);
      keepPreviousLog(settings);
      Process process =
          new ProcessBuilder(
                  ownSession(
                      JavaCommand.of(
                          classpath,
                          BrokerClasspath.MAIN_CLASS,
                          List.of(settings.serverProperties().toString()))))
              .redirectErrorStream(true)
              .redirectOutput(settings.brokerLog().toFile())
              .start();
      return new KafkaBrokerProcess(settings, process);
    } catch (IOException e) {
      throw new OperatorException("cannot start the Kafka broker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while starting the Kafka broker", e);
    }
  }

  /** Returns once the broker answers a describeCluster request; stops it if it never does. */
  void awaitReady() {
    try {
      BrokerReadiness.await(settings, process);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while starting the Kafka broker", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  BrokerSettings settings() {
    return settings;
  }

  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /**
   * Creates the topics of {@code catalogue} this broker lacks, replicated as its cluster's settings
   * say; returns the names it created.
   */
  public List<String> ensureTopics(List<TopicSpec> catalogue) {
    return ensureTopics(catalogue, settings.node().replication());
  }

  /** As {@link #ensureTopics(List)}, replicated as {@code replication} says. */
  public List<String> ensureTopics(List<TopicSpec> catalogue, TopicReplication replication) {
    try (Admin admin = Admin.create(BrokerReadiness.adminConfig(settings))) {
      return TopicCatalogue.ensure(admin, catalogue, replication);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while creating Kafka topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new OperatorException("cannot create Kafka topics: " + e.getMessage(), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGKILL: no shutdown hook, no flush, no controlled hand-over of its partitions — a machine that
   * lost power, as far as the cluster can tell. Its data directory stays for a restart.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new OperatorException("Kafka broker " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while killing a Kafka broker", e);
    }
  }

  /**
   * Stops the broker cleanly (its shutdown hook flushes the log), forcibly after a grace period.
   */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      lifeline.close();
    } catch (IOException e) {
      // the child is already gone; nothing to signal
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Runs the broker in a session of its own: a terminal's Ctrl-C goes to its whole foreground
   * process group, and a broker that died with the launcher's apps still running would make them
   * complain while they stop. The launcher stops it last, and its stdin lifeline still ends it when
   * the launcher dies. (setsid execs in place here: a child of ours never leads a group.)
   */
  private static List<String> ownSession(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> detached = new ArrayList<>(command.size() + 1);
    detached.add(SETSID.toString());
    detached.addAll(command);
    return detached;
  }

  private static void refuseBusyPort(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
    } catch (IOException free) {
      return;
    }
    throw new OperatorException(
        "port "
            + port
            + " on 127.0.0.1 is already in use (another broker still running?); "
            + "stop it or set POSTSTACK_KAFKA_PORT (the controller uses port + 1)");
  }

  private static void keepPreviousLog(BrokerSettings settings) throws IOException {
    if (Files.exists(settings.brokerLog())) {
      Files.move(
          settings.brokerLog(),
          settings.brokerLog().resolveSibling("broker.log.1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
