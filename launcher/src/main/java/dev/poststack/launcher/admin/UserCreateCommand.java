package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.spi.MemberAccounts;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Add a dashboard member to a team. Without --password-stdin a random password is made and",
      "printed (shown once: only its hash is stored). Prints one JSON object."
    })
final class UserCreateCommand implements Callable<Integer> {
  private static final String COMMAND = "admin user create";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final InputStream in;
  private final PrintStream out;

  @Option(
      names = "--team",
      required = true,
      paramLabel = "NAME|ID",
      description = "The team's name or numeric id.")
  String team;

  @Option(
      names = "--email",
      required = true,
      paramLabel = "ADDRESS",
      description = "The address the member signs in with.")
  String email;

  @Option(
      names = "--password-stdin",
      description =
          "Read the password from the first line of standard input (at least 12 characters).")
  boolean passwordStdin;

  UserCreateCommand(
      Supplier<LauncherEnv> env, Extensions extensions, InputStream in, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() {
    MemberAccounts admin = AdminCall.require(extensions, MemberAccounts.class, COMMAND);
    // never from a command-line argument: it would show in the process list and shell history
    String password = passwordStdin ? readPassword() : null;
    MemberAccounts.CreatedMember member =
        AdminCall.run(
            COMMAND, () -> admin.create(StackFile.resolve(env.get()), team, email, password));
    Map<String, Object> printed = new LinkedHashMap<>();
    printed.put("memberId", member.id());
    printed.put("teamId", member.teamId());
    printed.put("team", member.teamName());
    printed.put("email", member.email());
    if (member.generatedPassword() != null) {
      printed.put("password", member.generatedPassword());
    }
    out.println(JsonMapper.builder().build().writeValueAsString(printed));
    return ExitCodes.OK;
  }

  private String readPassword() {
    try {
      return StdinLine.read(in)
          .orElseThrow(
              () ->
                  new OperatorException(
                      COMMAND + ": --password-stdin: no password on standard input",
                      ExitCodes.USAGE,
                      null));
    } catch (IOException e) {
      throw new OperatorException(
          COMMAND + ": cannot read standard input: " + e.getMessage(), ExitCodes.FAILED, e);
    }
  }
}
