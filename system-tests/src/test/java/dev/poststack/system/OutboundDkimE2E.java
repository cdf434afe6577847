package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.dns.DnsJavaResolver;
import dev.poststack.api.dns.DnsResolver;
import dev.poststack.system.support.ApiClient;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.system.support.TestDns;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.SmtpSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Outbound mail as a receiver sees it: a domain created through the API, its DNS records published
 * by the test as the customer would (on the loopback name server), mail submitted on 465 with AUTH
 * and routed to an SMTP sink standing in for the remote MX. An independent verifier (Apache James
 * jDKIM, not the signer) checks each signature against the TXT records as DNS serves them, through
 * a DKIM rotation driven by the API the way the SDK drives it.
 */
@Order(6)
@ExtendWith(SystemStackExtension.class)
class OutboundDkimE2E {
  private final Tenant tenant;
  private final ApiClient api;
  private final MailClients mail;
  private final SmtpSink remote;
  private final DnsResolver dns =
      new DnsJavaResolver(List.of(TestDns.server().address()), Duration.ofSeconds(2), 2);
  private final AtomicInteger sent = new AtomicInteger();

  OutboundDkimE2E(SystemStack stack) {
    tenant = stack.tenant();
    api = tenant.api;
    mail = stack.mail();
    remote = stack.remote();
  }

  @Test
  void mailLeavesSignedWithThePublishedKeyAndStaysVerifiableThroughARotation() throws Exception {
    String domain = Tenant.uniqueDomain("dkim");
    long id = tenant.verifiedDomain(domain);
    String before = publishDkimRecords(id, "dkim");
    Mailbox ann = tenant.mailbox(id, "ann", "ann-password-1");
    tenant.awaitOnHost(ann);

    SmtpSink.Received first = sendAndReceive(ann, before);
    assertThat(verified(first)).containsExactly(domain + "/" + before);

    // a From the login does not own is refused at submission and never leaves
    MailClients.Reply forged =
        mail.submitAs(
            ann.address(),
            ann.password(),
            ann.address(),
            "ceo@" + Tenant.uniqueDomain("victim"),
            "bob@" + SystemStack.REMOTE_DOMAIN,
            "forged-from");
    assertThat(forged.code()).isEqualTo(554);
    assertThat(remote.received()).noneMatch(r -> r.text().contains("forged-from"));

    // rotation: staged, published, seen, switched; the retiring key stays published
    String path = "/domains/" + id + "/dkim/rotate";
    JsonNode started = api.post(path, null).expect(200).at("/rotation");
    assertThat(started.get("state").asText()).isEqualTo("pending_dns");
    String after = started.get("pendingSelector").asText();
    TestDns.server()
        .txt(started.get("pendingRecordName").asText(), started.get("pendingRecordValue").asText());
    String state = api.post(path + "/activate", null).expect(200).at("/rotation/state").asText();
    if (!"retiring".equals(state)) {
      assertThat(state).isEqualTo("ready");
      state =
          api.post(path + "/activate?force=true", null).expect(200).at("/rotation/state").asText();
    }
    assertThat(state).isEqualTo("retiring");
    publishDkimRecords(id, "dkim");

    SmtpSink.Received second = sendAndReceive(ann, after);
    assertThat(verified(second)).containsExactly(domain + "/" + after);
    assertThat(verified(first))
        .as("mail signed before the switch still verifies while the old key is retiring")
        .containsExactly(domain + "/" + before);
  }

  /**
   * Publishes the domain's DKIM records as its owner would; answers the selector of the record with
   * the given purpose.
   */
  private String publishDkimRecords(long id, String purpose) {
    String selector = null;
    for (JsonNode r : api.get("/domains/" + id).expect(200).at("/domain/dnsRecords")) {
      String p = r.get("purpose").asText();
      if (p.startsWith("dkim")) {
        String name = r.get("name").asText();
        TestDns.server().txt(name, r.get("value").asText());
        if (p.equals(purpose) && r.get("value").asText().contains("k=rsa")) {
          selector = name.substring(0, name.indexOf("._domainkey."));
        }
      }
    }
    assertThat(selector).as("a %s record in dnsRecords", purpose).isNotNull();
    return selector;
  }

  /**
   * Submits until the host signs with {@code selector} (the key reaches the host a moment after the
   * API answers; until then a submission is deferred, 451, or signed with the key before).
   */
  private SmtpSink.Received sendAndReceive(Mailbox from, String selector) throws Exception {
    SmtpSink.Received[] got = new SmtpSink.Received[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String marker = "dkim-" + sent.incrementAndGet() + "-" + System.nanoTime();
              MailClients.Reply reply =
                  mail.submitAs(
                      from.address(),
                      from.password(),
                      from.address(),
                      from.address(),
                      "bob@" + SystemStack.REMOTE_DOMAIN,
                      marker);
              if (reply.code() != 250) {
                assertThat(reply.code()).as(reply.text()).isEqualTo(451);
                return false;
              }
              got[0] = remote.await(marker, Duration.ofSeconds(30));
              return new String(got[0].data(), java.nio.charset.StandardCharsets.US_ASCII)
                  .contains("s=" + selector + ";");
            });
    return got[0];
  }

  /** {@code domain/selector} of each RSA signature that verifies against DNS as served. */
  private List<String> verified(SmtpSink.Received message) throws IOException {
    DKIMVerifier verifier =
        new DKIMVerifier(
            (method, selector, domain) -> {
              try {
                List<String> txt = dns.txt(selector + "._domainkey." + domain);
                // jDKIM 0.3 verifies RSA only; rspamd's Ed25519 signature beside it is not its own
                List<String> rsa = txt.stream().filter(t -> t.contains("k=rsa")).toList();
                if (rsa.isEmpty()) {
                  throw new PermFailException("no RSA key record for " + selector);
                }
                return rsa;
              } catch (DnsResolver.LookupFailed e) {
                throw new TempFailException(e.getMessage());
              }
            });
    try {
      List<SignatureRecord> ok = verifier.verify(new ByteArrayInputStream(message.data()));
      List<String> out = new ArrayList<>();
      if (ok != null) {
        ok.forEach(r -> out.add(r.getDToken() + "/" + r.getSelector()));
      }
      return out;
    } catch (FailException e) {
      return List.of();
    }
  }
}
