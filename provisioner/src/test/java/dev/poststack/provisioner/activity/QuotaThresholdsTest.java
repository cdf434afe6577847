package dev.poststack.provisioner.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaThresholdsTest {
  private static final long QUOTA = 1000;

  @Test
  void announcesEightyPercentExactlyAtTheThresholdAndNotJustBelowIt() {
    assertThat(QuotaThresholds.next(0, 799, QUOTA).announce()).isEmpty();
    assertThat(QuotaThresholds.next(0, 800, QUOTA))
        .isEqualTo(new QuotaThresholds.Crossing(80, List.of(80)));
  }

  @Test
  void announcesTheFullQuotaOnceEightyWasAnnounced() {
    assertThat(QuotaThresholds.next(80, 999, QUOTA))
        .isEqualTo(new QuotaThresholds.Crossing(80, List.of()));
    assertThat(QuotaThresholds.next(80, 1000, QUOTA))
        .isEqualTo(new QuotaThresholds.Crossing(100, List.of(100)));
  }

  @Test
  void aJumpPastBothThresholdsAnnouncesBothWarningFirst() {
    assertThat(QuotaThresholds.next(0, 1500, QUOTA))
        .isEqualTo(new QuotaThresholds.Crossing(100, List.of(80, 100)));
  }

  @Test
  void staysQuietWhileAboveAThresholdAlreadyAnnounced() {
    assertThat(QuotaThresholds.next(100, 1200, QUOTA).announce()).isEmpty();
    assertThat(QuotaThresholds.next(80, 900, QUOTA).announce()).isEmpty();
  }

  @Test
  void droppingBelowAThresholdLowersTheLevelSoTheNextRiseAnnouncesItAgain() {
    QuotaThresholds.Crossing dropped = QuotaThresholds.next(100, 850, QUOTA);
    assertThat(dropped).isEqualTo(new QuotaThresholds.Crossing(80, List.of()));
    assertThat(QuotaThresholds.next(dropped.level(), 1000, QUOTA).announce()).containsExactly(100);
    QuotaThresholds.Crossing emptied = QuotaThresholds.next(100, 10, QUOTA);
    assertThat(emptied.level()).isZero();
    assertThat(QuotaThresholds.next(emptied.level(), 800, QUOTA).announce()).containsExactly(80);
  }

  @Test
  void isExactForQuotasThatAreNotMultiplesOfFiveAndForTheLargestValues() {
    // 80 % of 11 is 8.8: 9 bytes reach it, 8 do not
    assertThat(QuotaThresholds.reached(8, 11)).isZero();
    assertThat(QuotaThresholds.reached(9, 11)).isEqualTo(80);
    assertThat(QuotaThresholds.reached(1, 1)).isEqualTo(100);
    assertThat(QuotaThresholds.reached(0, 1)).isZero();
    long max = Long.MAX_VALUE;
    assertThat(QuotaThresholds.reached(max - max / 5, max)).isEqualTo(80);
    assertThat(QuotaThresholds.reached(max - max / 5 - 1, max)).isZero();
    assertThat(QuotaThresholds.reached(max, max)).isEqualTo(100);
  }

  @Test
  void refusesANegativeUsageOrANonPositiveQuota() {
    assertThatThrownBy(() -> QuotaThresholds.next(0, -1, QUOTA))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuotaThresholds.next(0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
