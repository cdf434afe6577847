package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.HostRegistryAccess;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code poststack hosts}: the host registry as a table; {@code poststack hosts remove ID} removes
 * a host (it stops counting for propagation). Reads the stack's database and publishes to its Kafka
 * through module admin, like the admin commands.
 */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    description = {
      "List the mail hosts: id, address, state (in_sync, catching_up, stale, offline, removed),",
      "last seen, lag (entries / age of the oldest missing one), whether the content hash is the",
      "expected one, last error (and how many entries the host refused)."
    })
public final class HostsCommand implements Callable<Integer> {
  private static final String COMMAND = "hosts";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  HostsCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  /** The command with its {@code remove} subcommand. */
  public static CommandLine build(
      Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    return new CommandLine(new HostsCommand(env, extensions, out))
        .addSubcommand(new Remove(env, extensions, out));
  }

  @Override
  public Integer call() {
    HostRegistryAccess registry = AdminCall.require(extensions, HostRegistryAccess.class, COMMAND);
    LauncherEnv launcherEnv = env.get();
    List<HostRegistryAccess.Host> hosts =
        AdminCall.run(
            COMMAND, () -> registry.hosts(StackFile.resolve(launcherEnv), thresholds(launcherEnv)));
    if (hosts.isEmpty()) {
      out.println("No mail host has reported yet.");
      return ExitCodes.OK;
    }
    out.print(HostTable.table(hosts, Instant.now()));
    return ExitCodes.OK;
  }

  static HostRegistryAccess.Thresholds thresholds(LauncherEnv env) {
    Map<String, String> v = env.variables();
    return new HostRegistryAccess.Thresholds(
        seconds(v, "POSTSTACK_HOSTS_STALE_SECONDS", 60),
        seconds(v, "POSTSTACK_HOSTS_OFFLINE_SECONDS", 180));
  }

  private static long seconds(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!value.strip().matches("[0-9]{1,9}") || Long.parseLong(value.strip()) == 0) {
      throw new OperatorException(
          name + " must be a positive whole number of seconds, got '" + value + "'",
          ExitCodes.USAGE,
          null);
    }
    return Long.parseLong(value.strip());
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = {
        "Remove a mail host from the cluster: propagation stops counting it and it shows as",
        "removed. It registers again only if its agent is started after the removal."
      })
  static final class Remove implements Callable<Integer> {
    private static final String COMMAND = "hosts remove";
    private final Supplier<LauncherEnv> env;
    private final Extensions extensions;
    private final PrintStream out;

    @Parameters(paramLabel = "ID", description = "The host's id, as `poststack hosts` lists it.")
    String hostId;

    Remove(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
      this.env = env;
      this.extensions = extensions;
      this.out = out;
    }

    @Override
    public Integer call() {
      if (!hostId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new OperatorException(
            COMMAND + ": '" + hostId + "' is not a host id (1 to 63 of a-z, 0-9 and '-')",
            ExitCodes.USAGE,
            null);
      }
      HostRegistryAccess registry =
          AdminCall.require(extensions, HostRegistryAccess.class, COMMAND);
      LauncherEnv launcherEnv = env.get();
      HostRegistryAccess.Host host =
          AdminCall.run(
              COMMAND,
              () ->
                  registry.remove(StackFile.resolve(launcherEnv), thresholds(launcherEnv), hostId));
      if ("removed".equals(host.state())) {
        out.println("Removed host " + hostId + "; propagation no longer counts it.");
        return ExitCodes.OK;
      }
      out.println(
          "Published the removal of host "
              + hostId
              + "; the provisioner has not applied it yet (is it running?).");
      return ExitCodes.FAILED;
    }
  }
}
