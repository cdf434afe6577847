package dev.poststack.launcher.cli;

/** What {@code poststack} exits with; scripts branch on these. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;

  /** Something that should have worked did not (a broker that never answered, a database down). */
  public static final int FAILED = 1;

  /** The command line or environment is wrong, or the command is not available in this build. */
  public static final int USAGE = 2;

  /** Stopped by SIGTERM or Ctrl-C (128 + 15, what the JVM exits with on SIGTERM). */
  public static final int STOPPED = 143;
}
