package dev.poststack.agent;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java dev.poststack.agent.ReloadAgentMain --host-id=mx1 --kafka-bootstrap=…
 * [--mailhost-dir=…] [--agent-store=…]}: one agent per mail host; every option also reads from
 * {@code POSTSTACK_*}. SIGTERM stops the loop cleanly; the daemons of a mail host keep running
 * unless {@code --stop-mailhost-on-exit=true} (an agent restart must not interrupt mail).
 */
public final class ReloadAgentMain {
  private ReloadAgentMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "poststack-agent-logback.xml");
    }
    Logger log = LoggerFactory.getLogger(ReloadAgentMain.class);
    AgentSettings settings;
    try {
      settings = AgentSettings.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("reload-agent: " + e.getMessage());
      System.exit(2);
      return;
    }
    boolean stopMailHost = java.util.Arrays.asList(args).contains("--stop-mailhost-on-exit=true");
    AgentRuntime runtime = AgentRuntime.start(settings);
    log.info(
        "agent {} running: store {}, Kafka {}",
        settings.hostId(),
        settings.storePath(),
        settings.bootstrapServers());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime.close(stopMailHost);
                  stopped.countDown();
                },
                "poststack-agent-shutdown"));
    stopped.await();
  }
}
