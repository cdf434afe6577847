package dev.poststack.api.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.problem.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimRotationTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Duration RETIREMENT = Duration.ofDays(7);
  private static final String VALUE = "v=DKIM1; k=rsa; p=NEWKEY";

  private static RotationKey key(String selector, String state, Instant published, Instant at) {
    return new RotationKey(
        selector,
        "rsa",
        selector.equals("ps2") ? "NEWKEY" : "OLDKEY",
        state,
        T0,
        published,
        published == null ? null : at,
        state.equals("retiring") ? at : null);
  }

  private static final RotationKey ACTIVE = key("ps1", "active", T0, null);
  private static final RotationKey STAGED = key("ps2", "staged", null, null);

  @Test
  void aStagedKeyIsPendingUntilItsRecordIsSeenThenReady() {
    RotationView pending = DkimRotation.view(1, "example.test", List.of(ACTIVE, STAGED));
    assertThat(pending.state()).isEqualTo("pending_dns");
    assertThat(pending.activeSelector()).isEqualTo("ps1");
    assertThat(pending.pendingRecordName()).isEqualTo("ps2._domainkey.example.test");
    assertThat(pending.pendingRecordValue()).isEqualTo(VALUE);
    assertThat(pending.publishedAt()).isNull();

    RotationKey seen = key("ps2", "staged", T0, T0.plus(WINDOW));
    RotationView ready = DkimRotation.view(1, "example.test", List.of(ACTIVE, seen));
    assertThat(ready.state()).isEqualTo("ready");
    assertThat(ready.activatesAfter()).isEqualTo("2026-12-02T11:00:00.000Z");
  }

  @Test
  void aReplacedKeyIsRetiringUntilItIsDroppedThenIdle() {
    RotationKey retiring = key("ps1", "retiring", T0, T0.plus(RETIREMENT));
    RotationKey active = key("ps2", "active", T0, null);
    RotationView view = DkimRotation.view(1, "example.test", List.of(retiring, active));
    assertThat(view.state()).isEqualTo("retiring");
    assertThat(view.activeSelector()).isEqualTo("ps2");
    assertThat(view.retiredSelector()).isEqualTo("ps1");
    assertThat(view.retireAfter()).isEqualTo("2026-12-09T10:00:00.000Z");
    assertThat(DkimRotation.view(1, "example.test", List.of(active)).state()).isEqualTo("idle");
    assertThat(DkimRotation.view(1, "example.test", List.of()).activeSelector()).isNull();
  }

  @Test
  void activationNeedsTheRecordPublishedEvenWhenForced() {
    for (List<String> txt :
        List.of(List.<String>of(), List.of("v=DKIM1; k=rsa; p=OLDKEY"), List.of("v=spf1 -all"))) {
      for (boolean force : new boolean[] {false, true}) {
        assertThatThrownBy(() -> DkimRotation.activate(STAGED, txt, force, T0, WINDOW, RETIREMENT))
            .isInstanceOf(ApiException.class)
            .extracting(e -> ((ApiException) e).code())
            .isEqualTo("dkim_record_missing");
      }
    }
  }

  @Test
  void theFirstSightingStartsTheWindowAndActivationWaitsItOutUnlessForced() {
    assertThat(DkimRotation.activate(STAGED, List.of(VALUE), false, T0, WINDOW, RETIREMENT))
        .isEqualTo(new DkimRotation.Step.Seen("ps2", T0.plus(WINDOW)));
    RotationKey seen = key("ps2", "staged", T0, T0.plus(WINDOW));
    Instant soon = T0.plusSeconds(60);
    assertThat(DkimRotation.activate(seen, List.of(VALUE), false, soon, WINDOW, RETIREMENT))
        .isEqualTo(new DkimRotation.Step.Wait());
    assertThat(DkimRotation.activate(seen, List.of(VALUE), true, soon, WINDOW, RETIREMENT))
        .isEqualTo(new DkimRotation.Step.Activate("ps2", soon.plus(RETIREMENT)));
    Instant later = T0.plus(WINDOW);
    assertThat(DkimRotation.activate(seen, List.of(VALUE), false, later, WINDOW, RETIREMENT))
        .isEqualTo(new DkimRotation.Step.Activate("ps2", later.plus(RETIREMENT)));
    assertThat(DkimRotation.activate(STAGED, List.of(VALUE), false, T0, Duration.ZERO, RETIREMENT))
        .isInstanceOf(DkimRotation.Step.Activate.class);
  }

  @Test
  void oneRotationAtATime() {
    assertThatThrownBy(() -> DkimRotation.requireNoneStaged(List.of(ACTIVE, STAGED)))
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("dkim_rotation_in_progress");
    assertThatThrownBy(() -> DkimRotation.requireStaged(List.of(ACTIVE)))
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("dkim_rotation_not_started");
  }
}
