package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.DeliveryBody;
import dev.poststack.api.webhook.WebhookEvent;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.UndecodableEventException;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.PasswordChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log's mailbox events, as {@code mailbox.created/updated/deleted}, once the provisioner
 * applied them: its audit row for the event id says {@code applied}; a rejected event becomes
 * nothing; an event without an audit row yet is waited for. Other events are not webhook events. An
 * undecodable record is the provisioner's to dead-letter; here it is passed over.
 */
final class MailboxEvents implements TopicSource.Handler {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final EventCodec codec = new EventCodec();
  private final DeliveryQueue queue;
  // the one source thread calls handle(), so plain fields do
  private final Map<Map.Entry<Long, WebhookEvent>, List<Subscriber>> subscribersOf =
      new HashMap<>();

  MailboxEvents(DeliveryQueue queue) {
    this.queue = queue;
  }

  @Override
  public boolean handle(Connection c, ConsumerRecord<String, byte[]> record) throws SQLException {
    SpecificRecord event;
    try {
      event = codec.decode(record.value());
    } catch (UndecodableEventException e) {
      return true;
    }
    WebhookEvent type;
    long mailboxId;
    Envelope envelope;
    if (event instanceof MailboxCreated e) {
      type = WebhookEvent.MAILBOX_CREATED;
      mailboxId = e.getMailboxId();
      envelope = e.getEnvelope();
    } else if (event instanceof MailboxUpdated e) {
      type = WebhookEvent.MAILBOX_UPDATED;
      mailboxId = e.getMailboxId();
      envelope = e.getEnvelope();
    } else if (event instanceof PasswordChanged e) {
      type = WebhookEvent.MAILBOX_UPDATED;
      mailboxId = e.getMailboxId();
      envelope = e.getEnvelope();
    } else if (event instanceof MailboxDeleted e) {
      type = WebhookEvent.MAILBOX_DELETED;
      mailboxId = e.getMailboxId();
      envelope = e.getEnvelope();
    } else {
      return true;
    }
    // who listens first: most events of a bulk import have no subscriber, and then neither their
    // audit row nor its changes need reading
    List<Subscriber> subscribers = subscribers(c, envelope.getTeamId(), type);
    if (subscribers.isEmpty()) {
      return true;
    }
    String eventId = envelope.getEventId().toString();
    Optional<Audit> audit = audit(c, eventId, event instanceof MailboxUpdated);
    if (audit.isEmpty()) {
      return false; // not applied yet: read again
    }
    if (!audit.get().applied()) {
      return true;
    }
    Optional<MailboxRef> mailbox = queue.mailbox(c, mailboxId);
    if (mailbox.isEmpty() || mailbox.get().teamId() != envelope.getTeamId()) {
      return true;
    }
    Map<String, Object> fields;
    if (event instanceof MailboxCreated e) {
      fields =
          Payloads.created(
              e.getDisplayName() == null ? null : e.getDisplayName().toString(),
              e.getQuotaBytes(),
              e.getWebhookEnabled());
    } else if (event instanceof PasswordChanged) {
      fields = Payloads.updated(Map.of("password", "changed"));
    } else if (event instanceof MailboxUpdated) {
      fields = Payloads.updated(audit.get().changes());
    } else {
      fields = Payloads.deleted();
    }
    String data =
        DeliveryBody.data(
            Payloads.mailbox(mailbox.get(), eventId, envelope.getOccurredAt(), fields));
    for (Subscriber s : subscribers) {
      queue.enqueue(
          c,
          new NewDelivery(
              s.webhookId(),
              s.teamId(),
              type.wireName(),
              "event:" + eventId,
              Long.toString(mailboxId),
              data));
    }
    return true;
  }

  @Override
  public void pollStarted() {
    subscribersOf.clear();
  }

  /**
   * The team's subscribers to the type, asked once per poll: a poll is one connection and one
   * transaction ({@link TopicSource}), and an import's thousand events are mostly one team's.
   */
  private List<Subscriber> subscribers(Connection c, long team, WebhookEvent type)
      throws SQLException {
    Map.Entry<Long, WebhookEvent> key = Map.entry(team, type);
    List<Subscriber> found = subscribersOf.get(key);
    if (found == null) {
      found = queue.subscribers(c, team, type);
      subscribersOf.put(key, found);
    }
    return found;
  }

  private record Audit(boolean applied, Map<String, Object> changes) {}

  /** The event's audit row; its changes are parsed only when {@code withChanges}. */
  private static Optional<Audit> audit(Connection c, String eventId, boolean withChanges)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select outcome, changes::text as changes from audit_event where event_id ="
                + " ?::uuid")) {
      s.setString(1, eventId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String changes = r.getString("changes");
        Map<String, Object> parsed =
            changes == null || !withChanges
                ? Map.of()
                : JSON.readValue(changes, new TypeReference<>() {});
        return Optional.of(new Audit("applied".equals(r.getString("outcome")), parsed));
      }
    }
  }
}
