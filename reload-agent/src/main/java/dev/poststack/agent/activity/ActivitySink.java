package dev.poststack.agent.activity;

import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import java.util.List;

/** Where forwarded records go; returns only once every record was acknowledged, else throws. */
public interface ActivitySink extends AutoCloseable {
  void send(List<MailboxActivity> activity, List<MailDelivered> deliveries);

  /**
   * Ends a {@link #send} that is still waiting (an unreachable broker) at once, failing it: its
   * records stay where they were read from and are sent after the next start. Called from another
   * thread while stopping; the default simply closes.
   */
  default void abort() {
    close();
  }

  @Override
  void close();
}
