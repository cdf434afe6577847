package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.spi.DomainVerifier;
import dev.poststack.launcher.stack.Extensions;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.launcher.stack.StackFile;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    description = "Mark a domain verified without waiting for its DNS records.")
final class DomainVerifyCommand implements Callable<Integer> {
  private static final String COMMAND = "admin domain verify";
  private final Supplier<LauncherEnv> env;
  private final Extensions extensions;
  private final PrintStream out;

  @Option(
      names = "--domain-id",
      required = true,
      paramLabel = "N",
      description = "The domain's numeric id.")
  long domainId;

  DomainVerifyCommand(Supplier<LauncherEnv> env, Extensions extensions, PrintStream out) {
    this.env = env;
    this.extensions = extensions;
    this.out = out;
  }

  @Override
  public Integer call() {
    DomainVerifier admin = AdminCall.require(extensions, DomainVerifier.class, COMMAND);
    DomainVerifier.VerifiedDomain domain =
        AdminCall.run(COMMAND, () -> admin.verifyDomain(StackFile.resolve(env.get()), domainId));
    out.println("Domain " + domain.name() + " (id " + domain.id() + ") is " + domain.status());
    return ExitCodes.OK;
  }
}
