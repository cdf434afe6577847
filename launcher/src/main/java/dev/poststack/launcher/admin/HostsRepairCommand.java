package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.spi.HostsRepairer;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "repair",
    description = {
      "Have the running provisioner re-render the host entries from its state and enqueue what the",
      "host-entries topic lacks (hosts converge on their own); --all enqueues every entry, which",
      "rebuilds a lost topic."
    })
final class HostsRepairCommand implements Callable<Integer> {
  private static final String COMMAND = "admin hosts repair";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(names = "--all", description = "Enqueue every entry, not only the ones that differ.")
  boolean all;

  HostsRepairCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    HostsRepairer repairer = AdminCall.require(extensions, HostsRepairer.class, COMMAND);
    long enqueued =
        AdminCall.run(COMMAND, () -> repairer.repair(StackFile.resolve(env.get()), all));
    out.println(
        "Enqueued "
            + enqueued
            + " host "
            + (enqueued == 1 ? "entry" : "entries")
            + (all ? " (all of them)" : " the topic lacked")
            + "; the relay publishes them and every host converges.");
    return ExitCodes.OK;
  }
}
