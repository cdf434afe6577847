package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Autodiscovery over HTTP, without a key: a hosted, verified domain gets each client's document
 * (whatever the local part: no address is looked up); an unknown domain and another team's pending
 * claim get one and the same "not found", so no answer tells them apart.
 */
class AutodiscoveryIT extends ApiIT {

  @Test
  void aVerifiedDomainGetsEveryClientsDocumentWithoutAKey() {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String address = "nobody-" + System.nanoTime() + "@" + team.domainName();
    for (String path :
        new String[] {"/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml"}) {
      String xml =
          body(
              http.get()
                  .uri(path + "?emailaddress=" + address)
                  .exchange()
                  .expectStatus()
                  .isOk()
                  .expectHeader()
                  .contentTypeCompatibleWith(MediaType.TEXT_XML));
      assertThat(xml)
          .contains("<domain>" + team.domainName() + "</domain>")
          .contains("<port>993</port>")
          .contains("<socketType>SSL</socketType>")
          .contains("%EMAILADDRESS%");
    }

    String pox =
        body(
            http.post()
                .uri("/Autodiscover/Autodiscover.xml")
                .contentType(MediaType.TEXT_XML)
                .bodyValue(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover"
                        + " xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request><EMailAddress>"
                        + address
                        + "</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>")
                .exchange()
                .expectStatus()
                .isOk());
    assertThat(pox)
        .contains("<Type>IMAP</Type>")
        .contains("<LoginName>" + address + "</LoginName>")
        .contains("<Port>465</Port>");

    http.get()
        .uri("/autodiscover/autodiscover.json/v1.0/" + address + "?Protocol=AutodiscoverV1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.Protocol")
        .isEqualTo("AutodiscoverV1")
        .jsonPath("$.Url")
        .value(url -> assertThat((String) url).endsWith("/autodiscover/autodiscover.xml"));
    http.get()
        .uri("/autodiscover/autodiscover.json/v1.0/" + address + "?Protocol=ActiveSync")
        .exchange()
        .expectStatus()
        .isBadRequest();

    http.get()
        .uri("/apple/mobileconfig?emailaddress=" + address)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType("application/x-apple-aspen-config")
        .expectHeader()
        .valueMatches("Content-Disposition", "attachment; filename=\".*\\.mobileconfig\"");
  }

  @Test
  void anUnknownDomainAndAnotherTeamsPendingClaimLookTheSame() {
    var other = newTeam();
    String pending = "pending-" + System.nanoTime() + ".example";
    new Api(http, other.apiKey())
        .post("/domains", Map.of("name", pending))
        .expectStatus()
        .isCreated();
    String unknown = "unknown-" + System.nanoTime() + ".example";

    String pendingAnswer = notFound("/mail/config-v1.1.xml?emailaddress=a@" + pending);
    String unknownAnswer = notFound("/mail/config-v1.1.xml?emailaddress=a@" + unknown);
    assertThat(pendingAnswer).isEqualTo(unknownAnswer);
    assertThat(notFound("/mail/config-v1.1.xml?emailaddress=not-an-address"))
        .isEqualTo(unknownAnswer);
    assertThat(notFound("/apple/mobileconfig?emailaddress=a@" + pending))
        .isEqualTo(notFound("/apple/mobileconfig?emailaddress=a@" + unknown));

    String poxPending = poxFor("a@" + pending);
    assertThat(poxPending).contains("<ErrorCode>600</ErrorCode>").isEqualTo(poxFor("a@" + unknown));
  }

  @Test
  void theDomainListsTheRecordsClientsProbe() {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    new Api(http, team.apiKey())
        .get("/domains/" + team.domainId())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.dnsRecords[?(@.name == 'autoconfig." + team.domainName() + "')].type")
        .isEqualTo("CNAME")
        .jsonPath(
            "$.domain.dnsRecords[?(@.name == 'autodiscover." + team.domainName() + "')].purpose")
        .isEqualTo("autodiscover")
        .jsonPath(
            "$.domain.dnsRecords[?(@.name == '_autodiscover._tcp."
                + team.domainName()
                + "')].value")
        .value(v -> assertThat(v.toString()).contains("443"));
  }

  private String notFound(String uri) {
    return body(http.get().uri(uri).exchange().expectStatus().isNotFound());
  }

  private String poxFor(String address) {
    return body(
        http.post()
            .uri("/autodiscover/autodiscover.xml")
            .contentType(MediaType.TEXT_XML)
            .bodyValue(
                "<Autodiscover><Request><EMailAddress>"
                    + address
                    + "</EMailAddress></Request></Autodiscover>")
            .exchange()
            .expectStatus()
            .isOk());
  }

  private static String body(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
    byte[] bytes = spec.expectBody().returnResult().getResponseBody();
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
