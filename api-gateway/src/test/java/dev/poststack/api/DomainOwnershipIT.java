package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.launcher.LauncherDomainVerifier;
import dev.poststack.api.domain.DomainQueries;
import dev.poststack.api.domain.DomainRecheck;
import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Claims;
import dev.poststack.api.support.Claims.Claim;
import dev.poststack.api.support.SharedDns;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.testing.LoopbackDnsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ownership is proven by the claim's own token plus the MX, read from a real name server on
 * loopback through the real resolver; verified domains are looked up again, and a record that stays
 * removed past the grace fails the domain, while a lookup nobody answers never does.
 */
class DomainOwnershipIT extends ApiIT {
  private static final LoopbackDnsServer DNS = SharedDns.get();

  @Autowired DomainQueries domains;
  @Autowired DomainRecheck recheck;

  private static String name() {
    return "own-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  @Test
  void anMxWithoutTheTokenDoesNotVerifyAndTheAnswerNamesTheMissingRecord() {
    Api api = new Api(http, newTeam().apiKey());
    String name = name();
    DNS.mx(name, SharedDns.MAIL_HOSTNAME);
    Claim claim = Claims.create(api, name);
    assertThat(claim.token()).matches("[0-9a-f]{32}");

    api.post("/domains/" + claim.id() + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.queued")
        .isEqualTo(true)
        .jsonPath("$.domain.status")
        .isEqualTo("failed")
        .jsonPath("$.missing.length()")
        .isEqualTo(1)
        .jsonPath("$.missing[0].type")
        .isEqualTo("TXT")
        .jsonPath("$.missing[0].name")
        .isEqualTo(claim.tokenName())
        .jsonPath("$.missing[0].value")
        .isEqualTo(claim.tokenValue())
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'mx')].verified")
        .isEqualTo(List.of(true))
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'verification')].verified")
        .isEqualTo(List.of(false));
  }

  @Test
  void theTokenAndTheMxVerifyAndTheAdvisorySenderRecordsSayWhetherTheyWereSeen() {
    Api api = new Api(http, newTeam().apiKey());
    String name = name();
    DNS.mx(name, SharedDns.MAIL_HOSTNAME);
    DNS.txt(name, "v=spf1  MX -all"); // reformatted, same meaning
    Claim claim = Claims.published(api, name);

    api.post("/domains/" + claim.id() + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("verified")
        .jsonPath("$.missing.length()")
        .isEqualTo(0)
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'verification')].verified")
        .isEqualTo(List.of(true))
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'spf')].value")
        .isEqualTo(List.of("v=spf1 mx -all"))
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'spf')].verified")
        .isEqualTo(List.of(true))
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'dmarc')].name")
        .isEqualTo(List.of("_dmarc." + name))
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'dmarc')].value")
        .isEqualTo(List.of("v=DMARC1; p=quarantine; adkim=s; aspf=s"))
        .jsonPath("$.domain.dnsRecords[?(@.purpose == 'dmarc')].verified")
        .isEqualTo(List.of(false));
  }

  @Test
  void aRecheckKeepsADomainWhoseTokenWasRemovedVerifiedThroughTheGraceThenFailsIt() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    String name = name();
    DNS.mx(name, SharedDns.MAIL_HOSTNAME);
    Claim claim = Claims.published(api, name);
    api.post("/domains/" + claim.id() + "/verify", null).expectStatus().isOk();

    DNS.remove(claim.tokenName());
    Instant tomorrow = Instant.now().plus(Duration.ofHours(25));
    assertThat(recheck.recheck(row(team.teamId(), claim.id()), tomorrow).block()).isTrue();
    await()
        .untilAsserted(() -> assertThat(row(team.teamId(), claim.id()).missingSince()).isNotNull());
    DomainRow graced = row(team.teamId(), claim.id());
    assertThat(graced.status()).as("mail keeps flowing in the grace").isEqualTo("verified");
    assertThat(graced.found()).contains("mx").doesNotContain("verification");

    Instant pastGrace = graced.missingSince().plus(Duration.ofHours(72)).plusSeconds(1);
    assertThat(recheck.recheck(graced, pastGrace).block()).isTrue();
    await()
        .untilAsserted(
            () -> assertThat(row(team.teamId(), claim.id()).status()).isEqualTo("failed"));
    api.get("/domains/" + claim.id())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.verifiedAt")
        .isEmpty();
  }

  @Test
  void recordsThatComeBackWithinTheGraceEndTheMissingSpell() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    String name = name();
    DNS.mx(name, SharedDns.MAIL_HOSTNAME);
    Claim claim = Claims.published(api, name);
    api.post("/domains/" + claim.id() + "/verify", null).expectStatus().isOk();
    DNS.mx(name, "mx.elsewhere.example");
    assertThat(recheck.recheck(row(team.teamId(), claim.id()), Instant.now()).block()).isTrue();
    await()
        .untilAsserted(() -> assertThat(row(team.teamId(), claim.id()).missingSince()).isNotNull());

    DNS.mx(name, SharedDns.MAIL_HOSTNAME);
    assertThat(recheck.recheck(row(team.teamId(), claim.id()), Instant.now()).block()).isTrue();
    await().untilAsserted(() -> assertThat(row(team.teamId(), claim.id()).missingSince()).isNull());
    assertThat(row(team.teamId(), claim.id()).status()).isEqualTo("verified");
  }

  @Test
  void aLookupNobodyAnswersNeverFailsADomain() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    String name = name();
    DNS.mx(name, SharedDns.MAIL_HOSTNAME);
    Claim claim = Claims.published(api, name);
    api.post("/domains/" + claim.id() + "/verify", null).expectStatus().isOk();

    DNS.silence(name);
    try {
      expectProblem(api.post("/domains/" + claim.id() + "/verify", null), 504, "dns_lookup_failed");
      DomainRow before = row(team.teamId(), claim.id());
      Instant longAfter = Instant.now().plus(Duration.ofDays(30));
      assertThat(recheck.recheck(before, longAfter).block()).as("nothing published").isFalse();
      assertThat(row(team.teamId(), claim.id())).isEqualTo(before);
    } finally {
      DNS.remove(name);
    }
  }

  @Test
  void theOperatorsForceVerifyStillVerifiesWithoutDnsAndSuchADomainIsNotRechecked() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    Claim claim = Claims.create(api, name()); // nothing published anywhere
    var stack =
        new StackEndpoints(
            "http://127.0.0.1:" + port,
            broker.getBrokersAsString(),
            DB.jdbcUrl(),
            DB.r2dbcUrl(),
            DB.user(),
            DB.password());

    assertThat(new LauncherDomainVerifier().verifyDomain(stack, claim.id()).status())
        .isEqualTo("verified");
    api.get("/domains/" + claim.id())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.status")
        .isEqualTo("verified")
        .jsonPath("$.domain.inboundEnabled")
        .isEqualTo(true);
    assertThat(
            domains
                .dueForRecheck(Instant.now().plus(Duration.ofDays(365)), 100_000)
                .map(DomainRow::id)
                .collectList()
                .block())
        .as("the operator vouched for it")
        .doesNotContain(claim.id());
  }

  private DomainRow row(long teamId, long id) {
    return domains.find(teamId, IdRef.of(id)).block();
  }
}
