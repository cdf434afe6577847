package dev.poststack.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.event.DomainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records asked for, how a published value is compared, and what a re-check decides. */
class DomainRecordsTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void spfNamesThePlatformsSendingHostsOrItsMxAndDmarcItsPolicy() {
    assertThat(new SenderRecords(List.of(), "quarantine").spf()).isEqualTo("v=spf1 mx -all");
    SenderRecords hosts =
        new SenderRecords(
            List.of("include:_spf.poststack.example", "ip4:203.0.113.0/24"), "reject");
    assertThat(hosts.spf())
        .isEqualTo("v=spf1 include:_spf.poststack.example ip4:203.0.113.0/24 -all");
    assertThat(hosts.dmarc()).isEqualTo("v=DMARC1; p=reject; adkim=s; aspf=s");
  }

  @Test
  void refusesSettingsThatWouldPublishSomethingMalformed() {
    assertThatThrownBy(() -> new SenderRecords(List.of("include:x\" -all"), "quarantine"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spf-mechanisms");
    assertThatThrownBy(() -> new SenderRecords(List.of("+all"), "quarantine"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SenderRecords(List.of(), "monitor"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dmarc-policy");
  }

  @Test
  void aPublishedValueMatchesWhateverItsCaseAndSpacing() {
    String dmarc = "v=DMARC1; p=quarantine; adkim=s; aspf=s";
    assertThat(DnsCheck.Matching.anyEquals(List.of("v=dmarc1;p=quarantine;adkim=s;aspf=s;"), dmarc))
        .isTrue();
    assertThat(DnsCheck.Matching.anyEquals(List.of("v=DMARC1; p=none; adkim=s; aspf=s"), dmarc))
        .isFalse();
    assertThat(DnsCheck.Matching.anyEquals(List.of(), dmarc)).isFalse();
  }

  @Test
  void aRecheckFailsADomainOnlyWhenARequiredRecordStayedMissingForTheGrace() {
    Duration grace = Duration.ofHours(72);
    List<String> all = List.of("mx", "verification");
    List<String> noToken = List.of("mx", "spf");
    assertThat(Recheck.next(all, T, T.plus(Duration.ofDays(9)), grace)).isNull();
    assertThat(Recheck.next(noToken, null, T, grace)).as("the spell starts").isNull();
    assertThat(Recheck.next(noToken, T, T.plus(grace).minusSeconds(1), grace)).isNull();
    assertThat(Recheck.next(noToken, T, T.plus(grace), grace)).isEqualTo(DomainStatus.failed);
  }
}
