package dev.poststack.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.poststack.api.platform.ApiProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * A token bucket per client address for requests that have not (yet) shown a working key. The
 * addresses come from anyone, so at most {@code max-addresses} buckets are kept (Caffeine evicts
 * the least useful); an address idle long enough for its bucket to be full again is forgotten,
 * which loses nothing.
 */
final class AddressBudgets {
  private final ApiProperties.Unauthenticated limit;
  private final TimeMeter time;
  private final Cache<ClientAddress, Bucket> buckets;

  AddressBudgets(ApiProperties.Unauthenticated limit) {
    this(limit, TimeMeter.SYSTEM_NANOTIME, Ticker.systemTicker());
  }

  AddressBudgets(ApiProperties.Unauthenticated limit, TimeMeter time, Ticker ticker) {
    this.limit = limit;
    this.time = time;
    long refillSeconds = Math.max(1, burst() / perSecond());
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(limit.maxAddresses())
            .expireAfterAccess(Duration.ofSeconds(Math.max(60, 2 * refillSeconds)))
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /** Takes one token for a request about to be authenticated. */
  ConsumptionProbe tryConsume(ClientAddress address) {
    return bucket(address).tryConsumeAndReturnRemaining(1);
  }

  /** Gives the token back: the request's key worked, so it was not a failure. */
  void refund(ClientAddress address) {
    Bucket bucket = buckets.getIfPresent(address);
    if (bucket != null) {
      bucket.addTokens(1);
    }
  }

  /** A failure that was let through without a token (a key that used to work): charged now. */
  void charge(ClientAddress address) {
    bucket(address).consumeIgnoringRateLimits(1);
  }

  long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket bucket(ClientAddress address) {
    return buckets.get(
        address,
        a ->
            Bucket.builder()
                .addLimit(Rates.perSecond(perSecond(), burst()))
                .withCustomTimePrecision(time)
                .build());
  }

  private long burst() {
    return Math.max(limit.burst(), 1);
  }

  private long perSecond() {
    return Math.max(limit.perSecond(), 1);
  }
}
