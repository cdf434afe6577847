package dev.poststack.provisioner.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.activity.Observation.Usage;
import dev.poststack.schemas.host.MailboxActivity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationTest {
  private static final Instant NOW = Instant.parse("2026-03-28T12:00:00Z");

  private static MailboxActivity.Builder report() {
    return MailboxActivity.newBuilder()
        .setHostId("mx1")
        .setAddress("Anna@Example.test")
        .setMailboxId(5L)
        .setReportedAt(NOW);
  }

  @Test
  void takesTheLoginAndTheUsageWithTheAddressInItsCanonicalForm() {
    Observation o =
        Observation.of(
                report()
                    .setLastLoginAt(NOW.minusSeconds(3))
                    .setLastLoginService("imap")
                    .setUsedBytes(42L)
                    .setMessageCount(2L)
                    .setUsageObservedAt(NOW.minusSeconds(1))
                    .build(),
                NOW)
            .orElseThrow();
    assertThat(o.address().value()).isEqualTo("anna@example.test");
    assertThat(o.mailboxId()).isEqualTo(5L);
    assertThat(o.lastLoginAt()).isEqualTo(NOW.minusSeconds(3));
    assertThat(o.usage()).isEqualTo(new Usage(42, 2L, NOW.minusSeconds(1)));
  }

  @Test
  void aUsageWithoutItsOwnTimeIsAsOfTheReport() {
    assertThat(Observation.of(report().setUsedBytes(1L).build(), NOW).orElseThrow().usage())
        .isEqualTo(new Usage(1, null, NOW));
  }

  @Test
  void leavesOutTimesFromTheFarFutureOrBeforeAnyHostAndNegativeCounts() {
    Instant ahead = NOW.plus(Observation.MAX_CLOCK_AHEAD).plusSeconds(1);
    assertThat(Observation.of(report().setLastLoginAt(ahead).build(), NOW)).isEmpty();
    assertThat(
            Observation.of(
                report().setLastLoginAt(Instant.parse("1999-12-31T00:00:00Z")).build(), NOW))
        .isEmpty();
    assertThat(Observation.of(report().setUsedBytes(-1L).build(), NOW)).isEmpty();
    Observation o =
        Observation.of(
                report().setLastLoginAt(NOW).setUsedBytes(1L).setUsageObservedAt(ahead).build(),
                NOW)
            .orElseThrow();
    assertThat(o.usage()).isNull();
    assertThat(o.lastLoginAt()).isEqualTo(NOW);
  }

  @Test
  void refusesAnInvalidAddressAndIgnoresANonPositiveId() {
    assertThat(Observation.of(report().setAddress("no-at-sign").setLastLoginAt(NOW).build(), NOW))
        .isEmpty();
    assertThat(Observation.of(report().setAddress("a'b@x.test").setLastLoginAt(NOW).build(), NOW))
        .isEmpty();
    assertThat(
            Observation.of(report().setMailboxId(0L).setLastLoginAt(NOW).build(), NOW)
                .orElseThrow()
                .mailboxId())
        .isNull();
  }
}
