package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.spi.TeamCreator;
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

@Command(name = "create", description = "Create a team and print its first API key (shown once).")
final class TeamCreateCommand implements Callable<Integer> {
  private static final String COMMAND = "admin team create";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The team's name.")
  String name;

  TeamCreateCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    TeamCreator admin = AdminCall.require(extensions, TeamCreator.class, COMMAND);
    TeamCreator.CreatedTeam team =
        AdminCall.run(COMMAND, () -> admin.createTeam(StackFile.resolve(env.get()), name));
    // one JSON object for scripts; the key is shown this once, only its hash is stored
    Map<String, Object> printed = new LinkedHashMap<>();
    printed.put("teamId", team.id());
    printed.put("name", team.name());
    printed.put("apiKey", team.apiKey());
    out.println(JsonMapper.builder().build().writeValueAsString(printed));
    return ExitCodes.OK;
  }
}
