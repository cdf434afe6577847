package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.system.support.HostStoreReader;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.testing.mail.MailClients;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may send as whom (submission with AUTH), aliases delivering and going away, quota at RCPT.
 */
@Order(2)
@ExtendWith(SystemStackExtension.class)
class SendingE2E {
  private final Tenant tenant;
  private final MailClients mail;
  private final HostStoreReader store;
  private final long domainId;

  SendingE2E(SystemStack stack) {
    tenant = stack.tenant();
    mail = stack.mail();
    store = stack.store();
    domainId = tenant.verifiedDomain(Tenant.uniqueDomain("sending"));
  }

  @Test
  void submissionWithAuthIsAcceptedFromOwnAddressAndOwnAliasAndRefusedFromAnotherAddress() {
    Mailbox carol = tenant.mailbox(domainId, "carol", "carol-password-1");
    Mailbox dan = tenant.mailbox(domainId, "dan", "dan-password-1");
    tenant.alias(domainId, "info", carol);
    String info = "info@" + domainOf(carol);
    tenant.awaitOnHost(carol);
    tenant.awaitOnHost(dan);
    awaitEntry("sender:" + info, true);

    assertThat(
            mail.submit(carol.address(), carol.password(), carol.address(), dan.address(), "own"))
        .isEqualTo(250);
    assertThat(mail.submit(carol.address(), carol.password(), info, dan.address(), "alias"))
        .isEqualTo(250);
    assertThat(
            mail.submit(carol.address(), carol.password(), dan.address(), dan.address(), "other"))
        .isEqualTo(553);
  }

  @Test
  void mailToAnAliasLandsInItsDestinationAndIsRefusedOnceTheAliasIsDeleted() throws Exception {
    Mailbox erin = tenant.mailbox(domainId, "erin", "erin-password-1");
    long sales = tenant.alias(domainId, "sales", erin);
    String address = "sales@" + domainOf(erin);
    tenant.awaitOnHost(erin);
    awaitEntry("alias:" + address, true);

    assertThat(mail.deliver("buyer@remote.test", address, "to-alias")).isEqualTo(250);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> mail.imapSubjects(erin.address(), erin.password()).contains("to-alias"));

    tenant.api.delete("/mailboxes/aliases/" + sales).expect(200);
    awaitEntry("alias:" + address, false);
    assertThat(mail.deliver("buyer@remote.test", address, "to-deleted-alias")).isEqualTo(550);
  }

  @Test
  void aMessageOverTheQuotaIsRefusedAtRcptWhileOneThatFitsIsAccepted() {
    long quota = 1L << 20; // the smallest quota the API accepts
    Mailbox frank = tenant.mailbox(domainId, "frank", "frank-password-1", quota);
    tenant.awaitOnHost(frank);

    assertThat(mail.rcptWithSize("sender@remote.test", frank.address(), 10_000)).isEqualTo(250);
    // announced with SIZE=, refused before any byte of it is sent (Dovecot's quota-status: 552
    // 5.2.2)
    assertThat(mail.rcptWithSize("sender@remote.test", frank.address(), 2 * quota)).isEqualTo(552);
  }

  private void awaitEntry(String key, boolean present) {
    await(key + (present ? " on the host" : " gone from the host"))
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> store.has(key) == present);
  }

  private static String domainOf(Mailbox m) {
    return m.address().substring(m.address().indexOf('@') + 1);
  }
}
