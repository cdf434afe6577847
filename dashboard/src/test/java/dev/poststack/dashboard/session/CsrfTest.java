package dev.poststack.dashboard.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTest {
  @Test
  void aSessionsTokenIsStableAndDiffersFromEveryOtherSessions() {
    String a = "ses_" + "a".repeat(40);
    String b = "ses_" + "b".repeat(40);
    assertThat(Csrf.forSession(a)).isEqualTo(Csrf.forSession(a)).isNotEqualTo(Csrf.forSession(b));
    assertThat(Csrf.forSession(a)).doesNotContain(a.substring(4));
    assertThat(Csrf.matches(Csrf.forSession(a), Csrf.forSession(a))).isTrue();
    assertThat(Csrf.matches(Csrf.forSession(a), Csrf.forSession(b))).isFalse();
    assertThat(Csrf.matches(Csrf.forSession(a), null)).isFalse();
    assertThat(Csrf.matches(null, "x")).isFalse();
    assertThat(Csrf.random()).isNotEqualTo(Csrf.random()).hasSize(32);
  }
}
