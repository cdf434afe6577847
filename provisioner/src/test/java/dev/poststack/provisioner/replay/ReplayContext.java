package dev.poststack.provisioner.replay;

import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.provisioner.Provisioners;
import dev.poststack.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A provisioner context as {@code poststack replay} starts one: listeners and relay stopped, its
 * database the replay's target. Closing it closes the context (not the database).
 */
public final class ReplayContext implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private ReplayContext(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static ReplayContext into(String brokers, TestDatabase target, String group) {
    return new ReplayContext(
        Provisioners.start(
            brokers,
            target,
            group,
            "spring.kafka.listener.auto-startup=false",
            "poststack.provisioner.outbox.relay=false",
            "spring.r2dbc.pool.initial-size=1",
            "spring.r2dbc.pool.max-size=2"));
  }

  public EventReplayer replayer() {
    return context.getBean(EventReplayer.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
