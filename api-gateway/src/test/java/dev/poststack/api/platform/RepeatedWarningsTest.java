package dev.poststack.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedWarningsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private RepeatedWarnings warnings;

  @BeforeEach
  void setUp() {
    Logger log = (Logger) LoggerFactory.getLogger("repeated-warnings-test-" + System.nanoTime());
    lines.start();
    log.addAppender(lines);
    warnings =
        new RepeatedWarnings(
            log, Duration.ofSeconds(10), nanos::get, Scheduler.disabledScheduler());
  }

  @Test
  void writesTheFirstLineOfAKeyAndCountsTheRepeatsWithinTheWindow() {
    for (int i = 0; i < 1235; i++) {
      warnings.warn("401 unauthorized", "GET /mailboxes -> 401 [{}]", "req_" + i);
    }

    assertThat(messages()).containsExactly("GET /mailboxes -> 401 [req_0]");

    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    warnings.cleanUp();

    assertThat(messages())
        .containsExactly(
            "GET /mailboxes -> 401 [req_0]",
            "… and 1234 more like it in the last 10 s: 401 unauthorized");
  }

  @Test
  void writesAgainOnceTheWindowHasEnded() {
    warnings.warn("touch failed", "could not record key use: {}", "first");
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    warnings.warn("touch failed", "could not record key use: {}", "second");

    assertThat(messages())
        .containsExactly("could not record key use: first", "could not record key use: second");
  }

  @Test
  void keepsDifferentKeysApart() {
    warnings.warn("401", "a");
    warnings.warn("404", "b");
    warnings.warn("401", "c");

    assertThat(messages()).containsExactly("a", "b");
  }

  @Test
  void aWindowWithoutRepeatsEndsWithoutASummary() {
    warnings.warn("401", "once");
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    warnings.cleanUp();

    assertThat(messages()).containsExactly("once");
  }

  @Test
  void remembersABoundedNumberOfKeys() {
    for (int i = 0; i < RepeatedWarnings.MAX_KEYS * 3; i++) {
      warnings.warn("key " + i, "line {}", i);
    }
    warnings.cleanUp();

    assertThat(warnings.size()).isLessThanOrEqualTo(RepeatedWarnings.MAX_KEYS);
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
