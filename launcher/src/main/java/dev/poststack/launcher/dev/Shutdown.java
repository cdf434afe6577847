package dev.poststack.launcher.dev;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the dev command started, closed in reverse order exactly once: the API before the
 * provisioner, the apps before the broker and the database they talk to. A stop asked for during
 * start-up ({@link #requestStop}) lets the step in progress finish — it may hold a child it has not
 * registered yet, and starting an app while the JVM shuts down fails inside its libraries — and
 * start-up then ends at the next {@link #checkpoint}, where the starting thread closes it all.
 */
final class Shutdown implements AutoCloseable {
  /** Thrown at the next step once a stop was asked for: start-up ends quietly. */
  static final class StartupStopped extends RuntimeException {
    StartupStopped() {
      super("stopped during start-up", null, false, false);
    }
  }

  private record Part(String name, AutoCloseable resource) {}

  private final Deque<Part> parts = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final PrintStream out;
  private boolean startingUp = true;
  private volatile boolean stopping;

  Shutdown(PrintStream out) {
    this.out = out;
  }

  /** Called before each start-up step: throws {@link StartupStopped} once a stop was asked for. */
  void checkpoint() {
    if (stopping) {
      throw new StartupStopped();
    }
  }

  boolean stopping() {
    return stopping;
  }

  /** Start-up is over, finished or failed: from now on a stop is the JVM's ordinary exit. */
  synchronized void startupEnded() {
    startingUp = false;
  }

  /**
   * Asks to stop; returns true when start-up is still running and will stop at its next step (the
   * caller then leaves it to the starting thread), false when the caller must end the process.
   */
  synchronized boolean requestStop() {
    stopping = true;
    if (startingUp) {
      out.println();
      out.println("Stopping after the current step ...");
    }
    return startingUp;
  }

  synchronized void add(String name, AutoCloseable resource) {
    parts.push(new Part(name, resource));
  }

  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true) || parts.isEmpty()) {
      return;
    }
    out.println("Stopping ...");
    while (!parts.isEmpty()) {
      Part part = parts.pop();
      try {
        part.resource().close();
        out.println("  stopped " + part.name());
      } catch (Exception e) {
        // keep going: the broker and database must stop even when an app's close fails
        out.println("  " + part.name() + " did not stop cleanly: " + e.getMessage());
      }
    }
  }
}
