package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.GroupCommand;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin team create}, {@code admin team limits}, {@code admin user create|list|disable},
 * {@code admin domain verify}, {@code admin hosts repair}, {@code admin events}: operator actions,
 * carried out by module admin (found through launcher-spi).
 */
public final class AdminCommands {
  private AdminCommands() {}

  /**
   * @param in standard input, where {@code admin user create --password-stdin} reads the password
   */
  public static CommandLine build(
      Supplier<LauncherEnv> env, Extensions extensions, InputStream in, PrintStream out) {
    CommandLine team =
        group("team", "Manage teams.")
            .addSubcommand(new TeamCreateCommand(env, extensions, out))
            .addSubcommand(new TeamLimitsCommand(env, extensions, out));
    CommandLine user =
        group("user", "Manage dashboard members (sign in with email and password).")
            .addSubcommand(new UserCreateCommand(env, extensions, in, out))
            .addSubcommand(new UserListCommand(env, extensions, out))
            .addSubcommand(new UserDisableCommand(env, extensions, out));
    CommandLine domain =
        group("domain", "Manage domains.")
            .addSubcommand(new DomainVerifyCommand(env, extensions, out));
    CommandLine hosts =
        group("hosts", "Mail hosts' entries.")
            .addSubcommand(new HostsRepairCommand(env, extensions, out));
    return group(
            "admin",
            "Operator actions on a stack's data (reaches a running dev stack, else the env's"
                + " defaults).")
        .addSubcommand(team)
        .addSubcommand(user)
        .addSubcommand(domain)
        .addSubcommand(hosts)
        .addSubcommand(new EventsCommand(env, extensions, out))
        // the progress bar goes to stderr, so the summary line on stdout stays one line
        .addSubcommand(new ImportCommand(env, extensions, out, System.err));
  }

  private static CommandLine group(String name, String description) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(new GroupCommand()).name(name);
    spec.usageMessage().description(description);
    spec.mixinStandardHelpOptions(true);
    return new CommandLine(spec);
  }
}
