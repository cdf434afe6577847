package dev.poststack.launcher.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How failures reach operators: one line on stderr, never a stack trace (unless POSTSTACK_DEBUG is
 * set), and an exit code from {@link ExitCodes}.
 */
public final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final boolean debug;

  public Errors(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof OperatorException operator) {
      err.println("poststack: " + oneLine(operator.getMessage()));
      trace(err, ex);
      return operator.exitCode();
    }
    err.println(
        "poststack: unexpected "
            + ex.getClass().getSimpleName()
            + ": "
            + oneLine(String.valueOf(ex.getMessage()))
            + " (set POSTSTACK_DEBUG=1 for details)");
    trace(err, ex);
    return ExitCodes.FAILED;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String help = cmd.getCommandSpec().qualifiedName() + " --help";
    cmd.getErr().println("poststack: " + oneLine(ex.getMessage()) + " (see '" + help + "')");
    return ExitCodes.USAGE;
  }

  private void trace(PrintWriter err, Exception ex) {
    if (debug) {
      ex.printStackTrace(err);
    }
  }

  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
