package dev.poststack.launcher.kafka;

import dev.poststack.launcher.cli.OperatorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Waits until a starting broker answers, or says in one line why it never will. */
final class BrokerReadiness {
  private BrokerReadiness() {}

  static void await(BrokerSettings settings, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    try (Admin admin = Admin.create(adminConfig(settings))) {
      while (true) {
        if (!process.isAlive()) {
          throw new OperatorException(
              "Kafka broker exited (code "
                  + process.exitValue()
                  + ") while starting: "
                  + lastError(settings)
                  + "; full log: "
                  + settings.brokerLog());
        }
        try {
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(1000))
              .nodes()
              .get(2, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException notYet) {
          if (System.nanoTime() > deadline) {
            throw new OperatorException(
                "Kafka broker did not answer on "
                    + settings.bootstrapServers()
                    + " within "
                    + settings.startTimeout().toSeconds()
                    + " s; see "
                    + settings.brokerLog());
          }
          Thread.sleep(100);
        }
      }
    }
  }

  static Map<String, Object> adminConfig(BrokerSettings settings) {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
        // retry fast while the broker is still binding its port
        AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
  }

  private static String lastError(BrokerSettings settings) {
    try {
      List<String> lines = Files.readAllLines(settings.brokerLog(), StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("ERROR") || lines.get(i).contains("Exception")) {
          return lines.get(i).strip();
        }
      }
      return lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
