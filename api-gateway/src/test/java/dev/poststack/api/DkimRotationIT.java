package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.launcher.LauncherDevBootstrap;
import dev.poststack.api.rotation.DkimRotationClock;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.SharedDns;
import dev.poststack.launcher.spi.StackEndpoints;
import dev.poststack.values.dkim.HostKeySeal;
import dev.poststack.values.dkim.SealedPrivateKey;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DKIM through the API as the SDK 0.14 drives it: a new domain lists its key's record, rotation
 * waits for the staged record in DNS (served by the loopback name server), switches signing, and
 * the replaced key goes when its window ends; cancel drops a staged key; other teams see 404.
 */
class DkimRotationIT extends ApiIT {
  @Autowired DkimRotationClock clock;

  private static String newName() {
    return "dkim-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }

  @Test
  void aNewDomainListsTheDkimRecordOfTheKeySealedForTheHosts() throws Exception {
    Api api = new Api(http, newTeam().apiKey());
    String name = newName();
    Map<?, ?> domain = body(api.post("/domains", Map.of("name", name)), 201, "domain");

    Map<?, ?> dkim = record(domain, "dkim");
    String selector = ((String) dkim.get("name")).split("\\.")[0];
    assertThat(selector).matches("ps[0-9]{8}");
    assertThat(dkim.get("name")).isEqualTo(selector + "._domainkey." + name);
    assertThat(dkim.get("type")).isEqualTo("TXT");
    String value = (String) dkim.get("value");
    assertThat(value).startsWith("v=DKIM1; k=rsa; p=");

    // the sealed key the provisioner stores opens for this name only, to the published key's pair
    String sealed = sealedKey(((Number) domain.get("id")).longValue(), selector);
    byte[] pkcs8 =
        HostKeySeal.fromBase64(HOST_SEAL_KEY)
            .open(new SealedPrivateKey(sealed), selector + "._domainkey." + name);
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    RSAPublicKey pub =
        (RSAPublicKey)
            rsa.generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(value.substring("v=DKIM1; k=rsa; p=".length()))));
    assertThat(priv.getModulus()).isEqualTo(pub.getModulus());
    assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void theDevDomainMadeByTheOperatorPathGetsOneActiveKeyTheHostsCanOpen() throws Exception {
    var team = newTeam();
    String name = newName();
    var stack =
        new StackEndpoints(
            "http://127.0.0.1:" + port,
            broker.getBrokersAsString(),
            DB.jdbcUrl(),
            DB.r2dbcUrl(),
            DB.user(),
            DB.password(),
            HOST_SEAL_KEY);
    var bootstrap = new LauncherDevBootstrap();
    long id = bootstrap.ensureDevDomain(stack, team.apiKey(), name).id();
    bootstrap.ensureDevDomain(stack, team.apiKey(), name); // every dev start: no second key

    Map<?, ?> domain = body(new Api(http, team.apiKey()).get("/domains/" + id), 200, "domain");
    Map<?, ?> dkim = record(domain, "dkim");
    String selector = ((String) dkim.get("name")).split("\\.")[0];
    assertThat(
            ((List<?>) domain.get("dnsRecords"))
                .stream()
                    .filter(r -> ((Map<?, ?>) r).get("purpose").toString().startsWith("dkim"))
                    .count())
        .isEqualTo(1);
    byte[] pkcs8 =
        HostKeySeal.fromBase64(HOST_SEAL_KEY)
            .open(new SealedPrivateKey(sealedKey(id, selector)), selector + "._domainkey." + name);
    assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
        .isNotNull();
  }

  @Test
  void aRotationSwitchesSigningOnlyAfterItsRecordIsSeenAndRetiresTheOldKeyAfterItsWindow() {
    Api api = new Api(http, newTeam().apiKey());
    String name = newName();
    long id =
        ((Number) body(api.post("/domains", Map.of("name", name)), 201, "domain").get("id"))
            .longValue();
    String path = "/domains/" + id + "/dkim/rotate";
    String old = (String) body(api.get(path), 200, "rotation").get("activeSelector");
    assertThat(body(api.get(path), 200, "rotation").get("state")).isEqualTo("idle");

    Map<?, ?> started = body(api.post(path, null), 200, "rotation");
    assertThat(started.get("state")).isEqualTo("pending_dns");
    assertThat(started.get("activeSelector")).isEqualTo(old);
    String fresh = (String) started.get("pendingSelector");
    assertThat(fresh).isNotEqualTo(old);
    assertThat(started.get("pendingRecordName")).isEqualTo(fresh + "._domainkey." + name);
    assertThat((String) started.get("pendingRecordValue"))
        .isEqualTo("v=DKIM1; k=rsa; p=" + started.get("pendingPublicKey"));
    assertThat(started.get("startedAt")).isNotNull();
    assertThat(record(body(api.get("/domains/" + id), 200, "domain"), "dkim_rotation").get("name"))
        .isEqualTo(started.get("pendingRecordName"));
    expectProblem(api.post(path, null), 409, "dkim_rotation_in_progress");

    // not published yet: refused, nothing changes, not even with force
    expectProblem(api.post(path + "/activate", null), 409, "dkim_record_missing");
    expectProblem(api.post(path + "/activate?force=true", null), 409, "dkim_record_missing");
    String recordName = (String) started.get("pendingRecordName");
    String recordValue = (String) started.get("pendingRecordValue");
    // served as strings of at most 255 characters, as a zone file splits it; the resolver joins
    SharedDns.get().txt(recordName, recordValue);
    try {
      Map<?, ?> ready = body(api.post(path + "/activate", null), 200, "rotation");
      assertThat(ready.get("state")).isEqualTo("ready");
      assertThat(ready.get("activeSelector")).isEqualTo(old);
      assertThat(ready.get("publishedAt")).isNotNull();
      assertThat(Instant.parse((String) ready.get("activatesAfter")))
          .isAfter(Instant.parse((String) ready.get("publishedAt")));

      Map<?, ?> switched = body(api.post(path + "/activate?force=true", null), 200, "rotation");
      assertThat(switched.get("state")).isEqualTo("retiring");
      assertThat(switched.get("activeSelector")).isEqualTo(fresh);
      assertThat(switched.get("pendingSelector")).isNull();
      assertThat(switched.get("retiredSelector")).isEqualTo(old);
      Instant retireAfter = Instant.parse((String) switched.get("retireAfter"));
      assertThat(retireAfter).isAfter(Instant.now().plus(Duration.ofDays(6)));
      Map<?, ?> domain = body(api.get("/domains/" + id), 200, "domain");
      assertThat(record(domain, "dkim").get("name")).isEqualTo(recordName);
      assertThat((String) record(domain, "dkim_rotation").get("name")).startsWith(old + ".");

      clock.dueAt(retireAfter.plusSeconds(1)).block(Duration.ofSeconds(20));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                Map<?, ?> idle = body(api.get(path), 200, "rotation");
                assertThat(idle.get("state")).isEqualTo("idle");
                assertThat(idle.get("retiredSelector")).isNull();
                assertThat(idle.get("activeSelector")).isEqualTo(fresh);
              });
      assertThat(records(body(api.get("/domains/" + id), 200, "domain"), "dkim_rotation"))
          .isEmpty();
    } finally {
      SharedDns.get().remove(recordName);
    }
  }

  @Test
  void aReadyRotationCutsOverByItselfWhenItsWindowEnds() {
    Api api = new Api(http, newTeam().apiKey());
    long id =
        ((Number) body(api.post("/domains", Map.of("name", newName())), 201, "domain").get("id"))
            .longValue();
    String path = "/domains/" + id + "/dkim/rotate";
    Map<?, ?> started = body(api.post(path, null), 200, "rotation");
    String recordName = (String) started.get("pendingRecordName");
    SharedDns.get().txt(recordName, (String) started.get("pendingRecordValue"));
    try {
      Map<?, ?> ready = body(api.post(path + "/activate", null), 200, "rotation");
      assertThat(body(api.post(path + "/activate", null), 200, "rotation").get("state"))
          .as("the window still runs")
          .isEqualTo("ready");

      clock
          .dueAt(Instant.parse((String) ready.get("activatesAfter")).plusSeconds(1))
          .block(Duration.ofSeconds(20));

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(body(api.get(path), 200, "rotation").get("activeSelector"))
                      .isEqualTo(started.get("pendingSelector")));
    } finally {
      SharedDns.get().remove(recordName);
    }
  }

  @Test
  void cancellingDropsTheStagedKeyAndItsRecord() {
    Api api = new Api(http, newTeam().apiKey());
    long id =
        ((Number) body(api.post("/domains", Map.of("name", newName())), 201, "domain").get("id"))
            .longValue();
    String path = "/domains/" + id + "/dkim/rotate";
    String key = UUID.randomUUID().toString();
    Map<?, ?> first = body(api.post(path, null, key), 200, "rotation");
    assertThat(body(api.post(path, null, key), 200, "rotation"))
        .as("a retried start is the same start")
        .isEqualTo(first);

    Map<?, ?> cancelled = body(api.delete(path), 200, "rotation");

    assertThat(cancelled.get("state")).isEqualTo("idle");
    assertThat(cancelled.get("pendingSelector")).isNull();
    assertThat(records(body(api.get("/domains/" + id), 200, "domain"), "dkim_rotation")).isEmpty();
    expectProblem(api.delete(path), 409, "dkim_rotation_not_started");
    expectProblem(api.post(path + "/activate", null), 409, "dkim_rotation_not_started");
  }

  @Test
  void anotherTeamsDomainIsNotFound() {
    Api owner = new Api(http, newTeam().apiKey());
    long id =
        ((Number) body(owner.post("/domains", Map.of("name", newName())), 201, "domain").get("id"))
            .longValue();
    Api stranger = new Api(http, newTeam().apiKey());
    String path = "/domains/" + id + "/dkim/rotate";

    expectProblem(stranger.get(path), 404, "domain_not_found");
    expectProblem(stranger.post(path, null), 404, "domain_not_found");
    expectProblem(stranger.post(path + "/activate?force=true", null), 404, "domain_not_found");
    expectProblem(stranger.delete(path), 404, "domain_not_found");
    assertThat(body(owner.get(path), 200, "rotation").get("state")).isEqualTo("idle");
  }

  private static Map<?, ?> body(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec,
      int status,
      String member) {
    Map<?, ?> body =
        spec.expectStatus()
            .isEqualTo(status)
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (Map<?, ?>) body.get(member);
  }

  private static Map<?, ?> record(Map<?, ?> domain, String purpose) {
    List<Map<?, ?>> found = records(domain, purpose);
    assertThat(found).as("records of purpose %s", purpose).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<?, ?>> records(Map<?, ?> domain, String purpose) {
    return ((List<Map<?, ?>>) domain.get("dnsRecords"))
        .stream().filter(r -> purpose.equals(r.get("purpose"))).toList();
  }

  private static String sealedKey(long domainId, String selector) throws Exception {
    try (var c = DB.connect();
        var s =
            c.prepareStatement(
                "select sealed_key from dkim_key where domain_id = ? and selector = ?")) {
      s.setLong(1, domainId);
      s.setString(2, selector);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }
}
