package dev.poststack.api.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.host.MailDelivered;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  private static final MailboxRef MAILBOX =
      new MailboxRef(5, "mb_x", 1, 2, "support@acme.test", "active", null, 1000, true);

  private static MailDelivered delivery() {
    return MailDelivered.newBuilder()
        .setDeliveryId("d-1")
        .setHostId("h")
        .setAddress("support@acme.test")
        .setMailboxId(5L)
        .setRecipient("support+invoice-42@acme.test")
        .setFolder("INBOX")
        .setUid(1)
        .setMessageId("<m1@remote.test>")
        .setFromAddress("ann@remote.test")
        .setFromName("Ann")
        .setToAddresses(List.of("\"Support, Acme\" <support@acme.test>", "bob@acme.test", "junk"))
        .setCcAddresses(List.of())
        .setSubject("Invoice")
        .setDeliveredAt(Instant.parse("2026-03-28T15:30:00.123Z"))
        .setSizeBytes(1234)
        .setTextBody("hello")
        .build();
  }

  @Test
  void inboundEmailNamesItsFieldsAsTheSdkInboundEmailType() {
    Map<String, Object> v = Payloads.inboundEmail(delivery(), MAILBOX, false);
    assertThat(v)
        .containsEntry("fromAddress", "ann@remote.test")
        .containsEntry("fromName", "Ann")
        .containsEntry("toAddress", "support+invoice-42@acme.test")
        .containsEntry("messageId", "<m1@remote.test>")
        .containsEntry("subject", "Invoice")
        .containsEntry("createdAt", "2026-03-28T15:30:00.123Z")
        .containsEntry("mailboxHash", "invoice-42")
        .containsEntry("spamScore", null)
        .containsEntry("spamVerdict", null)
        .containsEntry("ccAddresses", null)
        .containsEntry("mailboxId", 5L)
        .containsEntry("mailboxPublicId", "mb_x")
        .containsEntry("sizeBytes", 1234L)
        .doesNotContainKeys("textBody", "htmlBody");
    assertThat(v.get("toAddresses"))
        .isEqualTo(
            List.of(
                Map.of("address", "support@acme.test", "name", "Support, Acme"),
                java.util.Collections.unmodifiableMap(
                    new java.util.HashMap<>() {
                      {
                        put("address", "bob@acme.test");
                        put("name", null);
                      }
                    })));
    assertThat(Payloads.inboundEmail(delivery(), MAILBOX, true)).containsEntry("textBody", "hello");
  }

  @Test
  void aMailboxEventNeverShowsAPasswordOrHash() {
    Map<String, Object> changes =
        Map.of("passwordHash", Map.of("from", "{SHA512-CRYPT}x", "to", "{SHA512-CRYPT}y"));
    assertThat(Payloads.safeChanges(changes)).containsEntry("passwordHash", "changed");
    assertThat(Payloads.mailboxHash("a@b")).isNull();
    assertThat(Payloads.mailboxHash("a+@b")).isNull();
  }
}
