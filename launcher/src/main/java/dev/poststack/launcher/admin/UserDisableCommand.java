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
    name = "disable",
    mixinStandardHelpOptions = true,
    description = "Stop a dashboard member from signing in and end their sessions at once.")
final class UserDisableCommand implements Callable<Integer> {
  private static final String COMMAND = "admin user disable";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(
      names = "--email",
      required = true,
      paramLabel = "ADDRESS",
      description = "The member's address.")
  String email;

  UserDisableCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    MemberAccounts admin = AdminCall.require(extensions, MemberAccounts.class, COMMAND);
    MemberAccounts.DisabledMember member =
        AdminCall.run(COMMAND, () -> admin.disable(StackFile.resolve(env.get()), email));
    String sessions =
        member.sessionsRevoked() == 1 ? "1 session" : member.sessionsRevoked() + " sessions";
    out.println(
        (member.alreadyDisabled()
                ? member.email() + " (member " + member.id() + ") was already disabled, since "
                : "Disabled " + member.email() + " (member " + member.id() + ") at ")
            + MemberTable.TIME.format(member.disabledAt())
            + "; "
            + sessions
            + " ended.");
    return ExitCodes.OK;
  }
}
