package dev.poststack.launcher.cli;

/**
 * A failure the operator can act on: its message is the whole story (what failed, where to look),
 * printed as one line without a stack trace, and it carries the process exit code.
 */
public class OperatorException extends RuntimeException {
  private final int exitCode;

  public OperatorException(String message) {
    this(message, ExitCodes.FAILED, null);
  }

  public OperatorException(String message, Throwable cause) {
    this(message, ExitCodes.FAILED, cause);
  }

  public OperatorException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
