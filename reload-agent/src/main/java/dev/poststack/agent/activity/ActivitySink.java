package dev.poststack.agent.activity;

import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import java.util.List;

/** Where forwarded records go; returns only once every record was acknowledged, else throws. */
public interface ActivitySink extends AutoCloseable {
  void send(List<MailboxActivity> activity, List<MailDelivered> deliveries);

  @Override
  void close();
}
