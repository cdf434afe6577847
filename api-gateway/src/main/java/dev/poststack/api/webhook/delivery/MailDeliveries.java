package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.DeliveryBody;
import dev.poststack.api.webhook.WebhookEvent;
import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.UndecodableEventException;
import dev.poststack.schemas.host.MailDelivered;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each message a host delivered into a mailbox with {@code webhookEnabled} becomes {@code
 * email.inbound} for the team's subscribed webhooks. An MTA may deliver one message twice, so the
 * source key is (mailbox, Message-ID) when the message has one, else the host's delivery id.
 */
final class MailDeliveries implements TopicSource.Handler {
  private static final Logger log = LoggerFactory.getLogger(MailDeliveries.class);
  private final DeliveryQueue queue;

  MailDeliveries(DeliveryQueue queue) {
    this.queue = queue;
  }

  @Override
  public boolean handle(Connection c, ConsumerRecord<String, byte[]> record) throws SQLException {
    MailDelivered d;
    try {
      d = HostRecordCodec.decodeDelivery(record.value());
    } catch (UndecodableEventException e) {
      log.error(
          "mail delivery at {}-{}@{} is not decodable; passed over: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return true;
    }
    Optional<MailboxRef> found =
        d.getMailboxId() != null
            ? queue.mailbox(c, d.getMailboxId())
            : queue.liveMailbox(c, d.getAddress());
    if (found.isEmpty() || !found.get().webhookEnabled()) {
      return true;
    }
    MailboxRef mailbox = found.get();
    String sourceKey =
        d.getMessageId() != null && !d.getMessageId().isBlank()
            ? "msg:" + mailbox.id() + ":" + d.getMessageId()
            : "delivery:" + d.getDeliveryId();
    if (sourceKey.length() > 1000) {
      sourceKey = "delivery:" + d.getDeliveryId();
    }
    String withBodies = null;
    String without = null;
    for (Subscriber s : queue.subscribers(c, mailbox.teamId(), WebhookEvent.EMAIL_INBOUND)) {
      String data;
      if (s.includeBodies()) {
        withBodies =
            withBodies != null
                ? withBodies
                : DeliveryBody.data(Payloads.inboundEmail(d, mailbox, true));
        data = withBodies;
      } else {
        without =
            without != null ? without : DeliveryBody.data(Payloads.inboundEmail(d, mailbox, false));
        data = without;
      }
      queue.enqueue(
          c,
          new NewDelivery(
              s.webhookId(),
              s.teamId(),
              WebhookEvent.EMAIL_INBOUND.wireName(),
              sourceKey,
              Long.toString(mailbox.id()),
              data));
    }
    return true;
  }
}
