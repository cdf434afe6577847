package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.DeliveryBody;
import dev.poststack.api.webhook.SecretSeal;
import dev.poststack.api.webhook.Signatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due on a bounded pool: at most {@code threads} requests at once in this instance
 * and at most {@code perWebhook} of them to one webhook, so one team's slow endpoint holds its own
 * share and never the others'. Each request is signed with the current secret and, during a
 * rotation's grace window, the previous one.
 */
final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  static final String USER_AGENT = "PostStack-Webhooks/1";

  private final SendLog sendLog;
  private final TargetClient client;
  private final SecretSeal seal;
  private final Backoff backoff;
  private final ExecutorService pool;
  private final Wakeup wakeup;
  private final int threads;
  private final int perWebhook;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<Long, AtomicInteger> perWebhookInFlight = new ConcurrentHashMap<>();

  Sender(
      SendLog sendLog,
      TargetClient client,
      SecretSeal seal,
      Backoff backoff,
      ExecutorService pool,
      Wakeup wakeup,
      int threads,
      int perWebhook) {
    this.wakeup = wakeup;
    this.sendLog = sendLog;
    this.client = client;
    this.seal = seal;
    this.backoff = backoff;
    this.pool = pool;
    this.threads = threads;
    this.perWebhook = perWebhook;
  }

  /** Claims what fits and hands it to the pool; how many it started. */
  int startDue() throws java.sql.SQLException {
    int free = threads - inFlight.get();
    if (free <= 0) {
      return 0;
    }
    Map<Long, Integer> busy = new HashMap<>();
    perWebhookInFlight.forEach((id, n) -> busy.put(id, n.get()));
    List<Claimed> claimed = sendLog.claim(free, busy, perWebhook);
    for (Claimed d : claimed) {
      inFlight.incrementAndGet();
      perWebhookInFlight.computeIfAbsent(d.webhookId(), k -> new AtomicInteger()).incrementAndGet();
      pool.execute(() -> sendAndRecord(d));
    }
    return claimed.size();
  }

  private void sendAndRecord(Claimed d) {
    try {
      byte[] body = DeliveryBody.render(d.id(), d.eventType(), d.createdAt(), d.data());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("User-Agent", USER_AGENT);
      headers.put(Signatures.HEADER, Signatures.header(body, secrets(d)));
      headers.put(Signatures.DELIVERY_HEADER, Long.toString(d.id()));
      headers.put(Signatures.EVENT_HEADER, d.eventType());
      headers.put("X-PostStack-Attempt", Integer.toString(d.attempt()));
      Instant started = Instant.now();
      long t0 = System.nanoTime();
      TargetClient.Result result = client.post(d.url(), body, headers);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Optional<Instant> next =
          result.succeeded()
              ? Optional.empty()
              : backoff.next(
                  d.attempt(),
                  Instant.now(),
                  d.retryUntil(),
                  ThreadLocalRandom.current()::nextDouble);
      sendLog.record(d, result, started, ms, next);
    } catch (Exception e) {
      // the lease runs out and the delivery is tried again with a new attempt number
      log.warn(
          "webhook delivery {} attempt {} not recorded: {}", d.id(), d.attempt(), e.toString());
    } finally {
      inFlight.decrementAndGet();
      AtomicInteger n = perWebhookInFlight.get(d.webhookId());
      if (n != null && n.decrementAndGet() <= 0) {
        perWebhookInFlight.remove(d.webhookId(), n);
      }
      // a finished send frees a slot and may make the same mailbox's next delivery due
      wakeup.signal();
    }
  }

  /** The current secret first, then the previous one while its grace window is open. */
  private List<String> secrets(Claimed d) {
    List<String> secrets = new ArrayList<>(2);
    secrets.add(seal.open(d.secretSealed(), d.teamId()));
    if (d.previousSealed() != null
        && d.previousExpiresAt() != null
        && d.previousExpiresAt().isAfter(Instant.now())) {
      secrets.add(seal.open(d.previousSealed(), d.teamId()));
    }
    return secrets;
  }
}
