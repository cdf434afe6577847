package dev.poststack.launcher.mailhost;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "mailhost",
    description = {
      "Run a private Dovecot + Postfix mail host and its reload agent on this machine, against a"
          + " running control plane.",
      "--host-id and --listen outrank POSTSTACK_HOST_ID and POSTSTACK_MAILHOST_LISTEN.",
      "Kafka: POSTSTACK_KAFKA_BOOTSTRAP, else the running dev stack's, else"
          + " 127.0.0.1:POSTSTACK_KAFKA_PORT.",
      "Data in POSTSTACK_MAILHOST_DIR (default /var/lib/poststack/<data dir id>/<host id>);",
      "Ctrl-C stops the agent and both daemons."
    })
public final class MailHostCommand implements Callable<Integer> {
  private final Supplier<LauncherEnv> env;
  private final PrintStream out;

  @Option(
      names = "--host-id",
      paramLabel = "ID",
      description =
          "This host's id: its agent's consumer group, its status key, its directory"
              + " (default POSTSTACK_HOST_ID, else local).")
  String hostId;

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      description =
          "The IPv4 address Dovecot and Postfix listen on, e.g. 127.0.1.2 beside other hosts on"
              + " this machine (default POSTSTACK_MAILHOST_LISTEN, else 127.0.0.1).")
  String listen;

  @Option(
      names = "--stop-when-ready",
      description = "Start the mail host, print where it answers, then stop (smoke tests).")
  boolean stopWhenReady;

  public MailHostCommand(Supplier<LauncherEnv> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() throws InterruptedException {
    LauncherEnv settings = env.get();
    DataDirIdentity identity =
        DataDirIdentity.establish(settings.dataDir(), settings.databaseOverride());
    identity.record(settings.dataDir());
    MailHostEnv mail =
        MailHostEnv.from(
            settings,
            identity,
            new MailHostPlan.Host(
                Optional.ofNullable(hostId).map(String::strip),
                Optional.ofNullable(listen).map(String::strip)));
    LocalMailHost.unavailableReason()
        .ifPresent(
            why -> {
              throw new OperatorException("cannot run a mail host here: " + why);
            });
    String bootstrap = mail.kafkaBootstrap().orElseGet(() -> resolveKafka(settings));
    out.println(
        "Starting mail host '"
            + mail.hostId()
            + "' (data in "
            + mail.settings().baseDir()
            + ", Kafka "
            + bootstrap
            + ")");
    long start = System.nanoTime();
    LocalMailHost host = LocalMailHost.start(mail, bootstrap, settings.dataDir());
    Thread hook = new Thread(host::close, "poststack-mailhost-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf("Mail host ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
    host.printDetails(out);
    if (stopWhenReady) {
      Runtime.getRuntime().removeShutdownHook(hook);
      host.close();
      return ExitCodes.OK;
    }
    out.println("Ctrl-C stops the agent and both daemons.");
    Thread.currentThread().join();
    return ExitCodes.OK;
  }

  private static String resolveKafka(LauncherEnv settings) {
    try {
      return StackFile.resolve(settings).kafkaBootstrapServers();
    } catch (IOException e) {
      throw new OperatorException(
          "cannot read " + settings.dataDir().resolve("stack.properties") + ": " + e.getMessage(),
          e);
    }
  }
}
