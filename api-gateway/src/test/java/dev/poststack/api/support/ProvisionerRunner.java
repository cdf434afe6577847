package dev.poststack.api.support;

import dev.poststack.provisioner.ProvisionerApplication;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * The real provisioner, started beside the API in the same test context (same embedded broker, same
 * database) and stopped with it. Settings go in as command-line arguments so they win over the
 * API's application.yml, which is on the same classpath.
 *
 * <p>The test framework pauses (stops the lifecycle of) a cached context it switches away from.
 * Pausing stops only the provisioner's outbox relay, never the provisioner: one restarted would
 * rejoin its consumer group too late for the next test's outcome wait. The relay must stop, because
 * every context's provisioner shares the one database's outbox but publishes to its own broker: a
 * cached context's relay would carry the active test's host entries to the wrong broker.
 */
public class ProvisionerRunner implements InitializingBean, DisposableBean, SmartLifecycle {
  private final Environment env;
  private volatile ConfigurableApplicationContext provisioner;
  private volatile boolean relaying = true;

  public ProvisionerRunner(Environment env) {
    this.env = env;
  }

  @Override
  public void afterPropertiesSet() {
    provisioner =
        new SpringApplicationBuilder(ProvisionerApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                "--spring.kafka.bootstrap-servers="
                    + env.getRequiredProperty("spring.embedded.kafka.brokers"),
                "--spring.r2dbc.url=" + env.getRequiredProperty("spring.r2dbc.url"),
                "--spring.r2dbc.username=" + env.getRequiredProperty("spring.r2dbc.username"),
                "--spring.r2dbc.password=" + env.getProperty("spring.r2dbc.password", ""),
                "--spring.flyway.url=" + env.getRequiredProperty("spring.flyway.url"),
                "--spring.flyway.user=" + env.getRequiredProperty("spring.flyway.user"),
                "--spring.flyway.password=" + env.getProperty("spring.flyway.password", ""),
                "--spring.application.name=provisioner",
                "--spring.jmx.enabled=false");
  }

  @Override
  public void start() {
    Lifecycle relay = relay();
    if (relay != null && !relay.isRunning()) {
      relay.start();
    }
    relaying = true;
  }

  @Override
  public void stop() {
    Lifecycle relay = relay();
    if (relay != null) {
      relay.stop();
    }
    relaying = false;
  }

  @Override
  public boolean isRunning() {
    return relaying;
  }

  private Lifecycle relay() {
    ConfigurableApplicationContext p = provisioner;
    return p == null || !p.isActive() ? null : p.getBean("outboxRelayRunner", Lifecycle.class);
  }

  @Override
  public void destroy() {
    if (provisioner != null) {
      provisioner.close();
    }
    provisioner = null;
  }
}
