package dev.poststack.agent.activity;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the forwarder when Dovecot writes its log (inotify through the JDK's watch service), so a
 * delivery's record leaves the host in milliseconds instead of at the next poll: a poll interval of
 * one second put a whole second between the SMTP {@code 250} and the webhook. The poll interval
 * stays the upper bound; where no watch can be set up the forwarder simply polls.
 */
final class LogWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogWatch.class);

  /** At most this long between looks at the stop flag. */
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final WatchService service;
  private final Path fileName;

  private LogWatch(WatchService service, Path fileName) {
    this.service = service;
    this.fileName = fileName;
  }

  /** A watch on {@code logFile}'s directory, or one that only waits when none can be set up. */
  static LogWatch on(Path logFile) {
    Path dir = logFile.toAbsolutePath().getParent();
    try {
      WatchService service = FileSystems.getDefault().newWatchService();
      try {
        dir.register(
            service, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
      } catch (IOException | RuntimeException e) {
        service.close();
        throw e;
      }
      return new LogWatch(service, logFile.getFileName());
    } catch (IOException | RuntimeException e) {
      log.info("no watch on {} ({}); activity is polled only", dir, e.toString());
      return new LogWatch(null, logFile.getFileName());
    }
  }

  /**
   * Waits up to {@code d}, returning early when the log file changed or {@code stopped} says so.
   *
   * @return whether the log changed
   */
  boolean await(Duration d, java.util.function.BooleanSupplier stopped)
      throws InterruptedException {
    long until = System.nanoTime() + d.toNanos();
    while (!stopped.getAsBoolean()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      long slice = Math.min(left, SLICE_NANOS);
      if (service == null) {
        TimeUnit.NANOSECONDS.sleep(slice);
        continue;
      }
      WatchKey key;
      try {
        key = service.poll(slice, TimeUnit.NANOSECONDS);
      } catch (ClosedWatchServiceException e) {
        return false;
      }
      if (key != null && ours(key)) {
        return true;
      }
    }
    return false;
  }

  private boolean ours(WatchKey key) {
    boolean changed = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      // an overflow may hide our file's event: treat it as a change
      changed |=
          event.kind() == StandardWatchEventKinds.OVERFLOW || fileName.equals(event.context());
    }
    key.reset();
    return changed;
  }

  @Override
  public void close() {
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        // nothing is left to wake
      }
    }
  }
}
