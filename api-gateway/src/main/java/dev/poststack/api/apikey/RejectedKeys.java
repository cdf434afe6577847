package dev.poststack.api.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.poststack.api.platform.ApiProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Hashes of keys that failed, answered 401 from memory for a short time, so repeating a bogus key
 * costs no query. Safe because a key's hash is that of 40 random characters: a key issued later
 * cannot have been tried before, and a revoked key never works again. Bounded in size, since the
 * hashes come from anyone.
 */
@Component
class RejectedKeys {
  private final Cache<String, Boolean> hashes;

  @Autowired
  RejectedKeys(ApiProperties properties) {
    this(properties.auth(), Ticker.systemTicker());
  }

  RejectedKeys(ApiProperties.Auth settings, Ticker ticker) {
    this.hashes =
        Caffeine.newBuilder()
            .maximumSize(settings.rejectedKeysMax())
            .expireAfterWrite(settings.rejectedKeyTtl())
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  boolean contains(String keyHash) {
    return hashes.getIfPresent(keyHash) != null;
  }

  void add(String keyHash) {
    hashes.put(keyHash, Boolean.TRUE);
  }

  long size() {
    hashes.cleanUp();
    return hashes.estimatedSize();
  }
}
