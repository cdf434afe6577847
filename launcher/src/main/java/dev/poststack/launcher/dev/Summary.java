package dev.poststack.launcher.dev;

import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.PrintStream;
import java.util.Optional;

/** The block printed once everything is up: where to point a client, and with which key. */
final class Summary {
  private final PrintStream out;

  Summary(PrintStream out) {
    this.out = out;
  }

  void print(
      long nanos,
      LauncherEnv env,
      StackEndpoints endpoints,
      boolean apiRunning,
      Optional<String> key,
      String db) {
    out.println();
    out.println("PostStack ready in " + Progress.seconds(nanos));
    line("API", apiRunning ? endpoints.apiBaseUrl() : "not running (api-gateway not built yet)");
    line("API key", key.orElse("none (no dev bootstrap ran; see step 4)"));
    line("Kafka", endpoints.kafkaBootstrapServers());
    line("PostgreSQL", db);
    line("Data", env.dataDir().toString());
    line(
        "Logs",
        env.logDir() + " (apps), " + env.dataDir().resolve("kafka/broker.log") + " (broker)");
  }

  private void line(String label, String value) {
    out.printf("  %-11s %s%n", label, value);
  }
}
