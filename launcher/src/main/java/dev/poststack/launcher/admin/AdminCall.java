package dev.poststack.launcher.admin;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.stack.Extensions;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/** Runs an admin extension and turns what it throws into one-line operator errors. */
final class AdminCall {
  private AdminCall() {}

  static <T> T require(Extensions extensions, Class<T> type, String command) {
    return extensions
        .find(type)
        .orElseThrow(
            () ->
                new OperatorException(
                    command + " is not available: " + Extensions.missing(type),
                    ExitCodes.USAGE,
                    null));
  }

  static <T> T run(String command, Callable<T> action) {
    try {
      return action.call();
    } catch (OperatorException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OperatorException(command + ": " + e.getMessage(), ExitCodes.USAGE, e);
    } catch (NoSuchElementException e) {
      throw new OperatorException(command + ": " + e.getMessage(), ExitCodes.FAILED, e);
    } catch (Exception e) {
      throw new OperatorException(command + " failed: " + e.getMessage(), e);
    }
  }
}
