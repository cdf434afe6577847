package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.TeamLimiter;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(
    name = "limits",
    mixinStandardHelpOptions = true,
    description = {
      "Show a team's limits, or override them for this team.",
      "Each option takes N (0..1000000000) or 'default': back to the",
      "default of every team (POSTSTACK_LIMITS_*, as the API reads them).",
      "Prints the team's effective limits as one JSON object."
    })
final class TeamLimitsCommand implements Callable<Integer> {
  private static final String COMMAND = "admin team limits";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(
      names = "--team",
      required = true,
      paramLabel = "NAME|ID",
      description = "The team's name or numeric id.")
  String team;

  @Option(names = "--api-keys", paramLabel = "N", description = "Active API keys.")
  String apiKeys;

  @Option(names = "--domains", paramLabel = "N", description = "Live domains, verified or not.")
  String domains;

  @Option(
      names = "--pending-domains",
      paramLabel = "N",
      description = "Unverified (pending or failed) domains.")
  String pendingDomains;

  @Option(
      names = "--mailboxes",
      paramLabel = "N",
      description = "Live mailboxes (active or suspended).")
  String mailboxes;

  @Option(names = "--aliases", paramLabel = "N", description = "Live aliases.")
  String aliases;

  TeamLimitsCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    // by limit name, as the SPI names them; null = back to the default
    Map<String, Long> changes = new LinkedHashMap<>();
    change(changes, "api-keys", apiKeys);
    change(changes, "domains", domains);
    change(changes, "pending-domains", pendingDomains);
    change(changes, "mailboxes", mailboxes);
    change(changes, "aliases", aliases);
    TeamLimiter admin = AdminCall.require(extensions, TeamLimiter.class, COMMAND);
    LauncherEnv launcherEnv = env.get();
    TeamLimiter.TeamLimits limits =
        AdminCall.run(
            COMMAND,
            () ->
                admin.setLimits(
                    StackFile.resolve(launcherEnv), team, changes, launcherEnv.variables()));
    // one JSON object for scripts, like team create
    Map<String, Object> printed = new LinkedHashMap<>();
    printed.put("teamId", limits.teamId());
    printed.put("name", limits.teamName());
    printed.put("limits", limits.limits());
    printed.put("overrides", limits.overrides());
    out.println(JsonMapper.builder().build().writeValueAsString(printed));
    return ExitCodes.OK;
  }

  private static void change(Map<String, Long> changes, String name, String raw) {
    if (raw == null) {
      return;
    }
    if (raw.equals("default")) {
      changes.put(name, null);
      return;
    }
    try {
      changes.put(name, Long.parseLong(raw));
    } catch (NumberFormatException e) {
      throw new OperatorException(
          COMMAND + ": --" + name + " must be a number or 'default', got '" + raw + "'",
          ExitCodes.USAGE,
          null);
    }
  }
}
