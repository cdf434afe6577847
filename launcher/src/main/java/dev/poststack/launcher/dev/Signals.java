package dev.poststack.launcher.dev;

import dev.poststack.launcher.cli.ExitCodes;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM for {@code dev}. Handled here instead of by the JVM's own shutdown,
 * because a signal during start-up must not start the JVM's shutdown while an app is starting:
 * Spring Boot and the R2DBC driver register shutdown hooks as they start and fail once shutdown has
 * begun. During start-up a signal only asks to stop; afterwards it exits, and the shutdown hook
 * closes everything.
 */
final class Signals {
  private Signals() {}

  static void install(Shutdown shutdown) {
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (!shutdown.requestStop()) {
              System.exit(ExitCodes.STOPPED);
            }
          });
    }
  }
}
