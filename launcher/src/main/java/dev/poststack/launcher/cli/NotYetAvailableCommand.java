package dev.poststack.launcher.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** A command we have named but not built yet ({@code replay}, {@code hosts}): says so, exits 2. */
@Command
public final class NotYetAvailableCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // accept whatever a script passes so the answer is always the same one line
  @Unmatched List<String> ignored;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("poststack " + spec.name() + ": not yet available in this version");
    return ExitCodes.USAGE;
  }
}
