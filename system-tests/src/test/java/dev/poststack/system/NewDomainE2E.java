package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.testing.mail.MailClients;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A domain added through the API is served without restarting anything. */
@Order(4)
@ExtendWith(SystemStackExtension.class)
class NewDomainE2E {
  private final Tenant tenant;
  private final MailClients mail;

  NewDomainE2E(SystemStack stack) {
    tenant = stack.tenant();
    mail = stack.mail();
  }

  @Test
  void mailToANewlyVerifiedDomainIsAcceptedWithoutRestartEvenAfterThatAddressWasRefused()
      throws Exception {
    String domain = Tenant.uniqueDomain("fresh");
    String address = "jay@" + domain;
    assertThat(mail.deliver("sender@remote.test", address, "too-early"))
        .isGreaterThanOrEqualTo(500);

    long domainId = tenant.verifiedDomain(domain);
    Mailbox jay = tenant.mailbox(domainId, "jay", "jay-password-1");
    tenant.awaitOnHost(jay);

    // the agent reloads Postfix for a new domain; old smtpd processes finish their client first
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> mail.deliver("sender@remote.test", address, "welcome") == 250);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> mail.imapSubjects(jay.address(), jay.password()).contains("welcome"));
  }
}
