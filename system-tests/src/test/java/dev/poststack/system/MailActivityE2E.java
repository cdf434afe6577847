package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.system.support.WebhookReceiver;
import dev.poststack.testing.mail.MailClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What a mailbox's user does shows in the API: an IMAPS, a POP3S and an SMTP AUTH login each move
 * {@code lastLoginAt}, a delivery moves {@code usedBytes} and {@code messageCount}, and the team's
 * webhook gets an {@code email.inbound} request that the official SDK's verification accepts —
 * through the real host (Dovecot records, the agent forwards), Kafka, the provisioner and the API's
 * dispatcher.
 */
@Order(5)
@ExtendWith(SystemStackExtension.class)
class MailActivityE2E {
  private final Tenant tenant;
  private final MailClients mail;
  private final long domainId;
  private final String domain;
  private final WebhookReceiver receiver;

  MailActivityE2E(SystemStack stack) throws Exception {
    tenant = stack.tenant();
    mail = stack.mail();
    domain = Tenant.uniqueDomain("activity");
    domainId = tenant.verifiedDomain(domain);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void loginsMoveLastLoginAtAndADeliveryMovesUsageAndReachesTheWebhookSigned() throws Exception {
    JsonNode hook =
        tenant
            .api
            .post(
                "/webhooks",
                Map.of(
                    "url",
                    receiver.url(),
                    "events",
                    List.of("email.inbound"),
                    "includeBodies",
                    true))
            .expect(201)
            .body();
    String secret = hook.get("signingSecret").asString();
    JsonNode created =
        tenant
            .api
            .post(
                "/mailboxes",
                Map.of(
                    "domainId",
                    domainId,
                    "localPart",
                    "dana",
                    "password",
                    "dana-password-1",
                    "quotaBytes",
                    10_000_000,
                    "webhookEnabled",
                    true))
            .expect(201)
            .at("/mailbox");
    Mailbox dana =
        new Mailbox(
            created.get("id").asLong(),
            created.get("publicId").asString(),
            created.get("emailAddress").asString(),
            "dana-password-1");
    assertThat(created.get("lastLoginAt").isNull()).isTrue();
    tenant.awaitOnHost(dana);

    // the host records whole seconds
    Instant beforeImap = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThat(mail.imapLoginWorks(dana.address(), dana.password())).isTrue();
    Instant imapLogin = awaitLastLoginAtLeast(dana, beforeImap);

    assertThat(mail.imapLoginWorks(dana.address(), "wrong-password")).isFalse();
    Thread.sleep(1100);
    Instant beforePop3 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThat(beforePop3).isAfter(imapLogin);
    assertThat(mail.pop3LoginWorks(dana.address(), dana.password())).isTrue();
    Instant pop3Login = awaitLastLoginAtLeast(dana, beforePop3);

    Thread.sleep(1100);
    Instant beforeSmtp = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThat(beforeSmtp).isAfter(pop3Login);
    mail.openSubmission(dana.address(), dana.password()).close();
    awaitLastLoginAtLeast(dana, beforeSmtp);

    String tagged = "dana+orders@" + domain;
    assertThat(mail.deliver("sender@remote.test", tagged, "activity-hook-1")).isEqualTo(250);

    JsonNode usage =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> tenant.api.get(dana.path()).expect(200).at("/mailbox"),
                m -> m.path("usedBytes").asLong(0) > 0 && m.path("messageCount").asLong(0) == 1);
    assertThat(usage.get("usageReportedAt").isNull()).isFalse();

    List<WebhookReceiver.Request> inbound =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> receiver.withSubject("email.inbound", "activity-hook-1"), r -> !r.isEmpty());
    WebhookReceiver.Request request = inbound.get(0);
    assertThat(request.signedWith(secret)).isTrue();
    assertThat(request.signedWith("whsec_not-the-secret")).isFalse();
    JsonNode data = request.data();
    assertThat(data.get("mailboxId").asLong()).isEqualTo(dana.id());
    assertThat(data.get("mailboxPublicId").asString()).isEqualTo(dana.publicId());
    assertThat(data.get("fromAddress").asString()).isEqualTo("sender@remote.test");
    assertThat(data.get("toAddress").asString()).isEqualTo(tagged);
    assertThat(data.get("mailboxHash").asString()).isEqualTo("orders");
    assertThat(data.get("sizeBytes").asLong()).isPositive();
    assertThat(data.get("spamScore").isNull()).isTrue();
  }

  private Instant awaitLastLoginAtLeast(Mailbox m, Instant atLeast) {
    JsonNode mailbox =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> tenant.api.get(m.path()).expect(200).at("/mailbox"),
                b ->
                    b.hasNonNull("lastLoginAt")
                        && !Instant.parse(b.get("lastLoginAt").asString()).isBefore(atLeast));
    return Instant.parse(mailbox.get("lastLoginAt").asString());
  }
}
