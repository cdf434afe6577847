package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.spi.MemberAccounts;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List a team's dashboard members: id, email, created, disabled.")
final class UserListCommand implements Callable<Integer> {
  private static final String COMMAND = "admin user list";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(
      names = "--team",
      required = true,
      paramLabel = "NAME|ID",
      description = "The team's name or numeric id.")
  String team;

  UserListCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    MemberAccounts admin = AdminCall.require(extensions, MemberAccounts.class, COMMAND);
    MemberAccounts.TeamMembers members =
        AdminCall.run(COMMAND, () -> admin.list(StackFile.resolve(env.get()), team));
    if (members.members().isEmpty()) {
      out.println("Team " + members.teamName() + " (id " + members.teamId() + ") has no members.");
      return ExitCodes.OK;
    }
    out.print(MemberTable.table(members.members()));
    return ExitCodes.OK;
  }
}
