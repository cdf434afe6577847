package dev.poststack.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Keys that authenticated on this instance lately, so they pass even while their address's budget
 * for failures is spent: a flood of bad keys from one address (or one NAT) does not lock out the
 * good keys behind it. Only admission is decided here; the key is still looked up as always, so a
 * revoked key is refused at once (and forgotten here).
 *
 * <p>Held as a seeded 128-bit fingerprint, not the key: cheap enough to compute before any throttle
 * decision (no SHA-256 for a request that is about to be refused), and no plaintext key kept in
 * memory. The seed is random per instance, so nobody can aim a bogus key at a fingerprint; a chance
 * match would only let one request through to the normal check.
 */
final class KnownKeys {
  static final int MAX_KEYS = 100_000;
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  private final int seed = new SecureRandom().nextInt();
  private final Cache<Fingerprint, Boolean> known =
      Caffeine.newBuilder()
          .maximumSize(MAX_KEYS)
          .expireAfterAccess(FORGET_AFTER)
          .executor(Runnable::run)
          .build();

  record Fingerprint(long high, long low) {}

  Fingerprint of(String token) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    long[] hash = MurmurHash3.hash128x64(bytes, 0, bytes.length, seed);
    return new Fingerprint(hash[0], hash[1]);
  }

  boolean contains(Fingerprint key) {
    return known.getIfPresent(key) != null;
  }

  void remember(Fingerprint key) {
    known.put(key, Boolean.TRUE);
  }

  void forget(Fingerprint key) {
    known.invalidate(key);
  }
}
