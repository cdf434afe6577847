package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.testing.mail.MailClients;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Suspension, a new password and deletion reach logins, open sessions and delivery. */
@Order(3)
@ExtendWith(SystemStackExtension.class)
class MailboxLifecycleE2E {
  private static final Duration KICKED = Duration.ofSeconds(10);
  private final Tenant tenant;
  private final MailClients mail;
  private final long domainId;

  MailboxLifecycleE2E(SystemStack stack) {
    tenant = stack.tenant();
    mail = stack.mail();
    domainId = tenant.verifiedDomain(Tenant.uniqueDomain("lifecycle"));
  }

  @Test
  void suspendedMailboxCannotLogInItsOpenSessionEndsMailStillArrivesAndReactivationRestoresLogin()
      throws Exception {
    Mailbox gina = tenant.mailbox(domainId, "gina", "gina-password-1");
    tenant.awaitOnHost(gina);
    Store open = mail.imap(gina.address(), gina.password());

    tenant.api.patch(gina.path(), Map.of("status", "suspended")).expect(200);
    tenant.awaitOnHost(gina);

    await().atMost(KICKED).until(() -> !open.isConnected());
    assertThat(mail.imapLoginWorks(gina.address(), gina.password())).isFalse();
    assertThat(mail.pop3LoginWorks(gina.address(), gina.password())).isFalse();
    assertThat(mail.submit(gina.address(), gina.password(), gina.address(), gina.address(), "x"))
        .isNotEqualTo(250);
    assertThat(mail.deliver("sender@remote.test", gina.address(), "while-suspended"))
        .isEqualTo(250);

    tenant.api.patch(gina.path(), Map.of("status", "active")).expect(200);
    tenant.awaitOnHost(gina);
    assertThat(mail.imapLoginWorks(gina.address(), gina.password())).isTrue();
    assertThat(mail.pop3LoginWorks(gina.address(), gina.password())).isTrue();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> mail.imapSubjects(gina.address(), gina.password()).contains("while-suspended"));
  }

  @Test
  void newPasswordWorksTheOldOneNoLongerAndOpenSessionsEnd() throws Exception {
    Mailbox hal = tenant.mailbox(domainId, "hal", "hal-password-old");
    tenant.awaitOnHost(hal);
    Store open = mail.imap(hal.address(), hal.password());

    tenant.api.post(hal.path() + "/password", Map.of("password", "hal-password-new")).expect(200);
    Mailbox changed = hal.withPassword("hal-password-new");
    tenant.awaitOnHost(changed);

    assertThat(mail.imapLoginWorks(hal.address(), "hal-password-old")).isFalse();
    assertThat(mail.pop3LoginWorks(hal.address(), "hal-password-old")).isFalse();
    assertThat(mail.imapLoginWorks(hal.address(), "hal-password-new")).isTrue();
    assertThat(mail.pop3LoginWorks(hal.address(), "hal-password-new")).isTrue();
    await().atMost(KICKED).until(() -> !open.isConnected());
  }

  @Test
  void deletedMailboxCannotLogInIsRefusedAtRcptAndTheSameAddressCreatedAgainStartsEmpty()
      throws Exception {
    Mailbox ivy = tenant.mailbox(domainId, "ivy", "ivy-password-1");
    tenant.awaitOnHost(ivy);
    assertThat(mail.deliver("sender@remote.test", ivy.address(), "before-delete")).isEqualTo(250);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> mail.imapSubjects(ivy.address(), ivy.password()).contains("before-delete"));

    tenant.api.delete(ivy.path()).expect(200);
    tenant.awaitOnHost(ivy); // for a deleted mailbox: removed from every host

    assertThat(mail.imapLoginWorks(ivy.address(), ivy.password())).isFalse();
    assertThat(mail.pop3LoginWorks(ivy.address(), ivy.password())).isFalse();
    assertThat(mail.deliver("sender@remote.test", ivy.address(), "after-delete")).isEqualTo(550);

    Mailbox again = tenant.mailbox(domainId, "ivy", "ivy-password-2");
    assertThat(again.id()).isNotEqualTo(ivy.id());
    tenant.awaitOnHost(again);
    assertThat(mail.imapLoginWorks(again.address(), "ivy-password-1")).isFalse();
    assertThat(mail.imapSubjects(again.address(), again.password())).isEmpty();
  }
}
