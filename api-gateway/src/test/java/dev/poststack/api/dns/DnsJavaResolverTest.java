package dev.poststack.api.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poststack.testing.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real resolver against a real name server on loopback (poststack.dns.servers). */
class DnsJavaResolverTest {

  private static DnsJavaResolver resolver(LoopbackDnsServer dns, long timeoutMillis) {
    return new DnsJavaResolver(List.of(dns.address()), Duration.ofMillis(timeoutMillis), 2);
  }

  @Test
  void readsMxHostsInLowerCaseWithoutTheTrailingDot() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.mx("customer.example", "Mail.PostStack.Local.", "backup.example");
      assertThat(resolver(dns, 2000).mx("customer.example"))
          .containsExactly("mail.poststack.local", "backup.example");
      assertThat(dns.queries()).isEqualTo(1);
    }
  }

  @Test
  void readsEachTxtRecordWithItsCharacterStringsJoined() throws Exception {
    String long600 = "v=DKIM1; k=rsa; p=" + "A".repeat(582);
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.txt("customer.example", "v=spf1 mx -all", long600);
      assertThat(resolver(dns, 2000).txt("customer.example"))
          .containsExactlyInAnyOrder("v=spf1 mx -all", long600);
      assertThat(dns.queries()).as("truncated over UDP, asked again over TCP").isEqualTo(2);
    }
  }

  @Test
  void aNameTheServerDoesNotKnowOrWithoutThatTypeHasNoRecords() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.mx("mx-only.example", "mail.poststack.local");
      var resolver = resolver(dns, 2000);
      assertThat(resolver.mx("nobody.example")).isEmpty();
      assertThat(resolver.txt("mx-only.example")).isEmpty();
      dns.remove("mx-only.example");
      assertThat(resolver.mx("mx-only.example")).isEmpty();
    }
  }

  @Test
  void aServerThatDropsQueriesIsALookupFailureNotAnEmptyAnswer() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.dropping()) {
      var resolver = resolver(dns, 100);
      assertThatThrownBy(() -> resolver.txt("slow.example"))
          .isInstanceOf(DnsResolver.LookupFailed.class)
          .hasMessageContaining("slow.example");
      await().untilAsserted(() -> assertThat(dns.queries()).as("one per try").isEqualTo(2));
    }
  }

  @Test
  void aSilentServerIsSkippedForOneThatAnswers() throws Exception {
    try (LoopbackDnsServer silent = LoopbackDnsServer.dropping();
        LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.mx("customer.example", "mail.poststack.local");
      var resolver =
          new DnsJavaResolver(List.of(silent.address(), dns.address()), Duration.ofMillis(100), 1);
      assertThat(resolver.mx("customer.example")).containsExactly("mail.poststack.local");
    }
  }
}
