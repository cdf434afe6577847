package dev.poststack.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.platform.ApiProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RejectedKeysTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void remembersARejectedHashForItsTtlOnly() {
    RejectedKeys rejected =
        new RejectedKeys(new ApiProperties.Auth(Duration.ofSeconds(30), 100, true), nanos::get);
    rejected.add("hash-a");

    assertThat(rejected.contains("hash-a")).isTrue();
    assertThat(rejected.contains("hash-b")).isFalse();

    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThat(rejected.contains("hash-a")).isFalse();
  }

  @Test
  void holdsABoundedNumberOfHashesHoweverManyBogusKeysArrive() {
    RejectedKeys rejected =
        new RejectedKeys(new ApiProperties.Auth(Duration.ofSeconds(30), 100, true), nanos::get);
    for (int i = 0; i < 10_000; i++) {
      rejected.add("hash-" + i);
    }

    assertThat(rejected.size()).isLessThanOrEqualTo(100);
  }
}
