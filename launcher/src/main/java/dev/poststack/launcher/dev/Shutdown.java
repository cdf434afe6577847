package dev.poststack.launcher.dev;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the dev command started, closed in reverse order exactly once: the API before the
 * provisioner, the apps before the broker and the database they talk to.
 */
final class Shutdown implements AutoCloseable {
  private record Part(String name, AutoCloseable resource) {}

  private final Deque<Part> parts = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final PrintStream out;

  Shutdown(PrintStream out) {
    this.out = out;
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
