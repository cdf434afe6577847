package dev.poststack.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.platform.ApiProperties;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressBudgetsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final TimeMeter time =
      new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
          return false;
        }
      };
  private final ClientAddress flooder = new ClientAddress("198.51.100.7");
  private final ClientAddress neighbour = new ClientAddress("198.51.100.8");

  private AddressBudgets budgets(long perSecond, long burst, int maxAddresses) {
    return new AddressBudgets(
        new ApiProperties.Unauthenticated(perSecond, burst, maxAddresses), time, nanos::get);
  }

  @Test
  void refusesAnAddressOnceItsBurstIsSpentAndRefillsAtTheSteadyRate() {
    AddressBudgets budgets = budgets(1, 3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(budgets.tryConsume(flooder).isConsumed()).isTrue();
    }
    var refused = budgets.tryConsume(flooder);
    assertThat(refused.isConsumed()).isFalse();
    assertThat(refused.getNanosToWaitForRefill()).isPositive();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(budgets.tryConsume(flooder).isConsumed()).isTrue();
    assertThat(budgets.tryConsume(flooder).isConsumed()).isFalse();
  }

  @Test
  void oneAddressSpendingItsBudgetLeavesAnotherAddressAlone() {
    AddressBudgets budgets = budgets(1, 2, 100);
    budgets.tryConsume(flooder);
    budgets.tryConsume(flooder);
    assertThat(budgets.tryConsume(flooder).isConsumed()).isFalse();

    assertThat(budgets.tryConsume(neighbour).isConsumed()).isTrue();
  }

  @Test
  void aRefundedTokenCanBeSpentAgainAndAChargeGoesIntoDebt() {
    AddressBudgets budgets = budgets(1, 1, 100);
    assertThat(budgets.tryConsume(flooder).isConsumed()).isTrue();
    budgets.refund(flooder);
    assertThat(budgets.tryConsume(flooder).isConsumed()).isTrue();

    budgets.charge(flooder); // one token in debt: a second of refill only pays it back
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(budgets.tryConsume(flooder).isConsumed()).isFalse();
  }

  @Test
  void keepsABoundedNumberOfAddressesHoweverManyAppear() {
    AddressBudgets budgets = budgets(1, 2, 100);
    for (int i = 0; i < 10_000; i++) {
      budgets.tryConsume(new ClientAddress("addr-" + i));
    }

    assertThat(budgets.size()).isLessThanOrEqualTo(100);
  }
}
