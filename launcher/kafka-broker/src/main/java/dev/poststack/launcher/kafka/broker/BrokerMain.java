package dev.poststack.launcher.kafka.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the dev broker's child JVM: runs {@code kafka.Kafka} and exits when the launcher
 * goes away.
 *
 * <p>The launcher keeps a pipe to this process's stdin open for as long as it lives. A killed
 * launcher (even SIGKILL, where no shutdown hook runs) closes the pipe, stdin reaches end of file
 * and this JVM exits, so a dev broker never outlives the process that started it.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    Thread watcher = new Thread(BrokerMain::exitWhenParentGone, "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static void exitWhenParentGone() {
    InputStream in = System.in;
    try {
      while (in.read() != -1) {
        // the launcher never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of file: the launcher is gone
    }
    // Kafka's own shutdown hook runs on exit and closes the log cleanly
    System.exit(0);
  }
}
