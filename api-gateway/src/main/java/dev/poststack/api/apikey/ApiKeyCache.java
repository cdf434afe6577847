package dev.poststack.api.apikey;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.PostgresNotifications;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Good keys this instance looked up, by the key's SHA-256, so a busy key costs no database round
 * trip per request. Every change of an {@code api_key} row that auth depends on (revocation,
 * permission, domain scope, team, hash) NOTIFYs {@value #CHANNEL} with the key's hash when it
 * commits (a trigger, so the API, the operator CLI and SQL by hand all count), and every instance
 * drops that key on the notification. While the LISTEN connection is down nothing is served from
 * here: the cache is emptied when it is lost and filled again only after the LISTEN holds. A lookup
 * that began before a notification (or a reconnect) is not kept, since it may have read the row as
 * it was. So a revoked key stops on every instance as soon as the notification arrives
 * (milliseconds), and at once on the instance that revoked it ({@link #forgetKey}).
 */
@Component
class ApiKeyCache implements SmartLifecycle, PostgresNotifications.Listener {
  static final String CHANNEL = "poststack_api_key";

  /** Far above the keys one instance sees; past it the cache starts over rather than grow. */
  private static final int MAX_KEYS = 10_000;

  private final ConcurrentHashMap<String, Caller> callers = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final PostgresNotifications notifications;
  private final boolean enabled;
  private volatile boolean listening;

  ApiKeyCache(R2dbcProperties properties, ApiProperties settings) {
    this.notifications = new PostgresNotifications(properties, CHANNEL, this);
    this.enabled = settings.auth().keyCache();
  }

  /** Read before a lookup starts; {@link #keep} compares it. */
  long generation() {
    return generation.get();
  }

  Optional<Caller> find(String keyHash) {
    return listening ? Optional.ofNullable(callers.get(keyHash)) : Optional.empty();
  }

  /** Keeps a lookup's answer unless a notification or a reconnect came since it began. */
  void keep(String keyHash, Caller caller, long generationAtStart) {
    if (!listening || generation.get() != generationAtStart) {
      return;
    }
    if (callers.size() >= MAX_KEYS) {
      callers.clear();
    }
    callers.put(keyHash, caller);
    // a notification between the check above and the put: its removal may have run first
    if (generation.get() != generationAtStart) {
      callers.remove(keyHash, caller);
    }
  }

  /** This instance revoked the key: it stops here before the answer, not when NOTIFY arrives. */
  void forgetKey(long keyId) {
    generation.incrementAndGet();
    callers.values().removeIf(c -> c.principalId() == keyId);
  }

  @Override
  public void connected() {
    generation.incrementAndGet();
    callers.clear();
    listening = enabled;
  }

  @Override
  public void disconnected() {
    listening = false;
    generation.incrementAndGet();
    callers.clear();
  }

  @Override
  public void notified(String keyHash) {
    generation.incrementAndGet();
    callers.remove(keyHash.trim());
  }

  @Override
  public void start() {
    if (enabled) {
      notifications.start();
    }
  }

  @Override
  public void stop() {
    disconnected();
    notifications.stop();
  }

  @Override
  public boolean isRunning() {
    return enabled && notifications.isRunning();
  }
}
