package dev.poststack.launcher.dev;

import dev.poststack.launcher.mailhost.LocalMailHost;
import dev.poststack.launcher.mailhost.MailHostPlan;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.launcher.stack.LauncherEnv;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The block printed once everything is up: where to point a client and with which key, where the
 * dashboard is and how to sign in to it.
 */
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
      Optional<DevAccess> access,
      String db) {
    String noApi = "not running (api-gateway not built yet)";
    String noBootstrap = "none (no dev bootstrap ran; see step 4)";
    out.println();
    out.println("PostStack ready in " + Progress.seconds(nanos));
    line("API", apiRunning ? endpoints.apiBaseUrl() : noApi);
    line("API key", access.map(DevAccess::apiKey).orElse(noBootstrap));
    line("Dashboard", apiRunning ? endpoints.apiBaseUrl() + "/dashboard" : noApi);
    line(
        "Sign in",
        access.map(a -> a.memberEmail() + " / " + a.memberPassword()).orElse(noBootstrap));
    line("Kafka", endpoints.kafkaBootstrapServers());
    line("PostgreSQL", db);
    line("Data", env.dataDir().toString());
    line(
        "Logs",
        env.logDir() + " (apps), " + env.dataDir().resolve("kafka/broker.log") + " (broker)");
  }

  /**
   * One host: its ports, certificate, store and logs, as before. Several: one line per host with
   * its address and ports, then where their files are; a host that did not start says so.
   */
  static void printMailHosts(PrintStream out, MailHostPlan plan, List<LocalMailHost> running) {
    if (plan.single()) {
      running.stream()
          .findFirst()
          .ifPresentOrElse(
              h -> h.printDetails(out),
              () ->
                  out.printf(
                      "  %-11s %s%n",
                      "Mail host",
                      "not running (see step " + DevStack.STEPS_WITHOUT_MAIL_HOSTS + ")"));
      return;
    }
    Map<String, LocalMailHost> byId = new HashMap<>();
    running.forEach(h -> byId.put(h.hostId(), h));
    out.printf("  %-11s %s%n", "Mail hosts", running.size() + " of " + plan.hosts().size());
    for (MailHostPlan.Host host : plan.hosts()) {
      String id = host.hostId().orElseThrow();
      LocalMailHost h = byId.get(id);
      out.printf("    %-9s %s%n", id, h == null ? "not running (see its step)" : h.describe());
    }
    running.stream()
        .findFirst()
        .ifPresent(
            h ->
                out.printf(
                    "  %-11s %s (each host's certificate, store and logs below its own)%n",
                    "Host dirs", h.baseDir().getParent()));
  }

  private void line(String label, String value) {
    out.printf("  %-11s %s%n", label, value);
  }
}
