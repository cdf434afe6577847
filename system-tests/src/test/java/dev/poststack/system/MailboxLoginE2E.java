package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.testing.mail.MailClients;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** A mailbox made through the REST API is a mailbox real clients log in to and receive mail in. */
@Order(1)
@ExtendWith(SystemStackExtension.class)
class MailboxLoginE2E {
  private final Tenant tenant;
  private final MailClients mail;
  private final long domainId;
  private final String domain;

  MailboxLoginE2E(SystemStack stack) {
    tenant = stack.tenant();
    mail = stack.mail();
    domain = Tenant.uniqueDomain("login");
    domainId = tenant.verifiedDomain(domain);
  }

  @Test
  void createdMailboxLogsInWithItsFullAddressOverImapsAndPop3sOnceItsPropagationIsApplied() {
    JsonNode created =
        tenant
            .api
            .post(
                "/mailboxes",
                Map.of("domainId", domainId, "localPart", "alice", "password", "alice-password-1"))
            .expect(201)
            .at("/mailbox");
    // the 201 already counts the host; the change is usually still on its way to it
    assertThat(created.at("/propagation/hosts").asLong()).isEqualTo(1);
    assertThat(created.at("/propagation/applied").asLong()).isBetween(0L, 1L);
    Mailbox alice =
        new Mailbox(
            created.get("id").asLong(),
            created.get("publicId").asString(),
            created.get("emailAddress").asString(),
            "alice-password-1");

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              JsonNode p = tenant.propagation(alice);
              return p.get("hosts").asLong() == 1 && p.get("applied").asLong() == 1;
            });
    assertThat(mail.imapLoginWorks(alice.address(), alice.password())).isTrue();
    assertThat(mail.pop3LoginWorks(alice.address(), alice.password())).isTrue();
    assertThat(mail.imapLoginWorks(alice.address(), "wrong-password")).isFalse();
  }

  @Test
  void inboundMailOnTheSmtpPortIsReadableOverImapsAndPop3s() throws Exception {
    Mailbox bob = tenant.mailbox(domainId, "bob", "bob-password-1");
    tenant.awaitOnHost(bob);

    assertThat(mail.deliver("sender@remote.test", bob.address(), "inbound-1")).isEqualTo(250);

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> mail.imapSubjects(bob.address(), bob.password()).contains("inbound-1"));
    assertThat(mail.pop3Subjects(bob.address(), bob.password())).contains("inbound-1");
  }
}
