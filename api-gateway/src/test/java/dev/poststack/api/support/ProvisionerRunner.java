package dev.poststack.api.support;

import dev.poststack.provisioner.ProvisionerApplication;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The real provisioner, started beside the API in the same test context (same embedded broker, same
 * database) and stopped with it. Settings go in as command-line arguments so they win over the
 * API's application.yml, which is on the same classpath. Not a Lifecycle bean on purpose: the test
 * framework pauses (stops) the lifecycle of cached contexts it switches away from, and a
 * provisioner restarted then rejoins its consumer group too late for the next test's outcome wait.
 */
public class ProvisionerRunner implements InitializingBean, DisposableBean {
  private final Environment env;
  private volatile ConfigurableApplicationContext provisioner;

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
  public void destroy() {
    if (provisioner != null) {
      provisioner.close();
    }
    provisioner = null;
  }
}
