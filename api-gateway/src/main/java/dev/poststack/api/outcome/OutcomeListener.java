package dev.poststack.api.outcome;

import dev.poststack.api.platform.PostgresNotifications;
import dev.poststack.schemas.Channels;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * LISTENs on {@code poststack_outcome} and wakes the matching waiter. The provisioner NOTIFYs
 * inside its transaction, so the signal arrives only after the audit row is committed and readable.
 * After each (re)connect every waiter re-checks once.
 */
@Component
class OutcomeListener implements SmartLifecycle, PostgresNotifications.Listener {
  static final String CHANNEL = Channels.OUTCOME;
  private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

  private final OutcomeWaiters waiters;
  private final PostgresNotifications notifications;

  public OutcomeListener(R2dbcProperties properties, OutcomeWaiters waiters) {
    this.waiters = waiters;
    this.notifications = new PostgresNotifications(properties, CHANNEL, this);
  }

  @Override
  public void connected() {
    waiters.signalAll();
  }

  @Override
  public void disconnected() {}

  @Override
  public void notified(String payload) {
    try {
      waiters.signal(UUID.fromString(payload.trim()));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring a {} notification that is not an event id", CHANNEL);
    }
  }

  public boolean isConnected() {
    return notifications.isConnected();
  }

  @Override
  public void start() {
    notifications.start();
  }

  @Override
  public void stop() {
    notifications.stop();
  }

  @Override
  public boolean isRunning() {
    return notifications.isRunning();
  }
}
