package dev.poststack.provisioner.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The notice rule over arbitrary sequences of usage reports, against a model that says it in the
 * issue's words: a threshold is announced each time the usage goes from below it to at or above it.
 */
class QuotaThresholdsProperties {

  @Property
  void announcesEachUpwardCrossingOnceAndNothingElse(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long quota,
      @ForAll @Size(max = 30) List<@LongRange(min = 0, max = 2000) Long> permille) {
    int level = QuotaThresholds.NONE;
    long previous = 0;
    for (long p : permille) {
      long used = scaled(quota, p);
      QuotaThresholds.Crossing crossing = QuotaThresholds.next(level, used, quota);
      List<Integer> expected = new ArrayList<>();
      for (int threshold : List.of(80, 100)) {
        if (!atOrAbove(previous, quota, threshold) && atOrAbove(used, quota, threshold)) {
          expected.add(threshold);
        }
      }
      assertThat(crossing.announce()).isEqualTo(expected);
      level = crossing.level();
      previous = used;
    }
  }

  @Property
  void reportingTheSameUsageAgainAnnouncesNothing(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long quota,
      @ForAll @LongRange(min = 0, max = 2000) long permille) {
    long used = scaled(quota, permille);
    QuotaThresholds.Crossing first = QuotaThresholds.next(QuotaThresholds.NONE, used, quota);
    QuotaThresholds.Crossing again = QuotaThresholds.next(first.level(), used, quota);
    assertThat(again.announce()).isEmpty();
    assertThat(again.level()).isEqualTo(first.level());
  }

  /** {@code quota * permille / 1000}, capped at {@code Long.MAX_VALUE}. */
  private static long scaled(long quota, long permille) {
    BigInteger v =
        BigInteger.valueOf(quota)
            .multiply(BigInteger.valueOf(permille))
            .divide(BigInteger.TEN.pow(3));
    return v.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  private static boolean atOrAbove(long used, long quota, int percent) {
    return BigInteger.valueOf(used)
            .multiply(BigInteger.valueOf(100))
            .compareTo(BigInteger.valueOf(quota).multiply(BigInteger.valueOf(percent)))
        >= 0;
  }
}
