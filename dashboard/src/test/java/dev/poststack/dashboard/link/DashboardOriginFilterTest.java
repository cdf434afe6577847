package dev.poststack.dashboard.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardOriginFilterTest {
  @Test
  void onlyAnIpLiteralIsTakenAsTheBrowsersAddressNeverAName() {
    assertThat(DashboardOriginFilter.literal("203.0.113.7").getHostAddress())
        .isEqualTo("203.0.113.7");
    assertThat(DashboardOriginFilter.literal("2001:db8::1")).isNotNull();
    assertThat(DashboardOriginFilter.literal("example.com")).isNull();
    assertThat(DashboardOriginFilter.literal("face")).isNull(); // a name, however hex it looks
    assertThat(DashboardOriginFilter.literal("1234")).isNull();
    assertThat(DashboardOriginFilter.literal("")).isNull();
    assertThat(DashboardOriginFilter.literal(null)).isNull();
    assertThat(DashboardOriginFilter.literal("1.2.3.4; rm")).isNull();
  }
}
