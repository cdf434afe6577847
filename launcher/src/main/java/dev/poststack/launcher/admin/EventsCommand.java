package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.spi.EventHistory;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Show the audit log of an address (every mailbox and alias that ever held it, deleted ones",
      "included) or of a domain and everything in it, of any team, newest first: time, event,",
      "actor (kind and API key name), request id, source IP, outcome and the changed fields."
    })
final class EventsCommand implements Callable<Integer> {
  private static final String COMMAND = "admin events";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  static final class Target {
    @Option(
        names = "--address",
        required = true,
        paramLabel = "ADDRESS",
        description = "A mailbox's or alias's address, e.g. support@example.test.")
    String address;

    @Option(
        names = "--domain",
        required = true,
        paramLabel = "NAME",
        description = "A domain's name, e.g. example.test.")
    String domain;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--limit",
      defaultValue = "50",
      paramLabel = "N",
      description = "The newest N events (1..1000, default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON array, for scripts.")
  boolean json;

  EventsCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    EventHistory history = AdminCall.require(extensions, EventHistory.class, COMMAND);
    LauncherEnv launcherEnv = env.get();
    List<EventHistory.Event> events =
        AdminCall.run(
            COMMAND,
            () ->
                history.history(
                    StackFile.resolve(launcherEnv),
                    new EventHistory.Query(target.address, target.domain, limit)));
    if (json) {
      out.println(EventTable.json(events));
      return ExitCodes.OK;
    }
    out.print(EventTable.table(events));
    if (events.size() == limit) {
      out.println("(the newest " + limit + " events; --limit N shows more)");
    }
    return ExitCodes.OK;
  }
}
