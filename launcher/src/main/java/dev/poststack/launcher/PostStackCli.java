package dev.poststack.launcher;

import dev.poststack.launcher.admin.AdminCommands;
import dev.poststack.launcher.admin.HostsCommand;
import dev.poststack.launcher.app.SpringAppStarter;
import dev.poststack.launcher.cli.Errors;
import dev.poststack.launcher.cli.GroupCommand;
import dev.poststack.launcher.dev.DevCommand;
import dev.poststack.launcher.mailhost.MailHostCommand;
import dev.poststack.launcher.replay.ReplayCommand;
import dev.poststack.launcher.service.ApiCommand;
import dev.poststack.launcher.service.ProvisionerCommand;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code poststack}: runs the pipeline for development and carries operator commands. */
public final class PostStackCli {
  private PostStackCli() {}

  public static void main(String[] args) {
    // before the first logger: the launcher's own quiet config, a name Spring Boot never picks up
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "poststack-launcher-logback.xml");
      org.slf4j.LoggerFactory.getILoggerFactory();
      // read once; Spring Boot in the apps would otherwise warn about it mid-progress line
      System.clearProperty("logback.configurationFile");
    }
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, System.in, out, err);
  }

  /** With its own standard input, which {@code admin user create --password-stdin} reads. */
  public static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return commandLine(env, in, out, err).execute(args);
  }

  static CommandLine commandLine(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    // parsed on first use, so `poststack hosts` works whatever POSTSTACK_KAFKA_PORT says
    Supplier<LauncherEnv> settings = memoize(() -> LauncherEnv.from(env));
    ClassLoader classpath = PostStackCli.class.getClassLoader();
    Extensions extensions = new Extensions(classpath);

    CommandSpec root = CommandSpec.forAnnotatedObject(new GroupCommand()).name("poststack");
    root.mixinStandardHelpOptions(true);
    root.version("poststack " + version());
    root.usageMessage()
        .description("PostStack Mailboxes: run the pipeline locally and operate it.");
    CommandLine cli =
        new CommandLine(root)
            .addSubcommand(
                new DevCommand(settings, new SpringAppStarter(classpath), extensions, out))
            .addSubcommand(new MailHostCommand(settings, out))
            .addSubcommand(new ApiCommand(settings, new SpringAppStarter(classpath), out))
            .addSubcommand(new ProvisionerCommand(settings, new SpringAppStarter(classpath), out))
            .addSubcommand(AdminCommands.build(settings, extensions, in, out))
            .addSubcommand(
                new ReplayCommand(settings, new SpringAppStarter(classpath), extensions, out, err))
            .addSubcommand(HostsCommand.build(settings, extensions, out));
    Errors errors = new Errors(env.containsKey("POSTSTACK_DEBUG"));
    return cli.setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }

  private static String version() {
    String v = PostStackCli.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
