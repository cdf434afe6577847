package dev.poststack.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.LoopbackDns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real JNDI resolver against a real name server on loopback (poststack.dns.servers). */
class JndiMxResolverTest {

  @Test
  void asksTheConfiguredServerAndReadsItsMxHostsInLowerCaseWithoutTheTrailingDot()
      throws Exception {
    try (LoopbackDns dns = LoopbackDns.answering("Mail.PostStack.Local.")) {
      var resolver = new JndiMxResolver(List.of(dns.address()), 2000, 2);
      assertThat(resolver.mxHosts("customer.example")).containsExactly("mail.poststack.local");
      assertThat(dns.queries()).isEqualTo(1);
    }
  }

  @Test
  void aNameTheServerDoesNotKnowHasNoMxHosts() throws Exception {
    try (LoopbackDns dns = LoopbackDns.noSuchName()) {
      var resolver = new JndiMxResolver(List.of(dns.address()), 2000, 2);
      assertThat(resolver.mxHosts("nobody.example")).isEmpty();
    }
  }

  @Test
  void aServerThatDropsQueriesIsALookupFailureNotAnEmptyAnswer() throws Exception {
    try (LoopbackDns dns = LoopbackDns.dropping()) {
      var resolver = new JndiMxResolver(List.of(dns.address()), 100, 2);
      assertThatThrownBy(() -> resolver.mxHosts("slow.example"))
          .isInstanceOf(MxResolver.LookupFailed.class)
          .hasMessageContaining("slow.example");
      await().untilAsserted(() -> assertThat(dns.queries()).as("one per try").isEqualTo(2));
    }
  }
}
