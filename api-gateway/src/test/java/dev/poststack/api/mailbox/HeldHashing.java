package dev.poststack.api.mailbox;

import dev.poststack.api.platform.ApiProperties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real hasher, except that a password starting with {@link #HELD} is hashed only once the test
 * lets it: a hash flood whose hashes take as long as the test says, so a test can state what other
 * teams get while one team's hashes occupy their pool, without depending on the machine's speed.
 */
public final class HeldHashing {
  public static final String HELD = "held-";
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final AtomicInteger waiting = new AtomicInteger();

  /** From now on, held passwords wait in their hash until {@link #release}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  public void release() {
    gate.countDown();
  }

  /** Hashes now waiting at the gate, each on a thread of the hashing pool. */
  public int waiting() {
    return waiting.get();
  }

  private void pass(String password) {
    if (!password.startsWith(HELD)) {
      return;
    }
    waiting.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** Replaces the API's hasher with the held one. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    HeldHashing heldHashing() {
      return new HeldHashing();
    }

    @Bean
    @Primary
    PasswordHasher heldPasswordHasher(HeldHashing held, ApiProperties properties) {
      CryptPasswordHasher real = new CryptPasswordHasher(properties);
      return plaintext -> {
        held.pass(plaintext);
        return real.hash(plaintext);
      };
    }
  }
}
