package dev.poststack.api.webhook.delivery;

import dev.poststack.api.http.Timestamps;
import dev.poststack.schemas.host.MailDelivered;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} of each event type (README "Webhooks", payloads), built from values only. Field
 * names of {@code email.inbound} are the SDK's {@code InboundEmail} names; a mailbox event never
 * carries a password or a hash, whatever the audit row holds.
 */
final class Payloads {
  private Payloads() {}

  static Map<String, Object> inboundEmail(
      MailDelivered d, MailboxRef mailbox, boolean includeBodies) {
    Map<String, Object> v = new LinkedHashMap<>();
    String recipient = str(d.getRecipient());
    v.put("deliveryId", d.getDeliveryId().toString());
    v.put("mailboxId", mailbox.id());
    v.put("mailboxPublicId", mailbox.publicId());
    v.put("domainId", mailbox.domainId());
    v.put("fromAddress", str(d.getFromAddress()));
    v.put("fromName", str(d.getFromName()));
    v.put("toAddress", recipient != null ? recipient : mailbox.emailAddress());
    v.put("toAddresses", orNull(AddressList.parse(d.getToAddresses())));
    v.put("ccAddresses", orNull(AddressList.parse(d.getCcAddresses())));
    v.put("messageId", str(d.getMessageId()));
    v.put("subject", str(d.getSubject()));
    v.put("createdAt", Timestamps.format(d.getDeliveredAt()));
    v.put("mailboxHash", mailboxHash(recipient));
    v.put("spamScore", null);
    v.put("spamVerdict", null);
    v.put("sizeBytes", d.getSizeBytes());
    if (includeBodies) {
      v.put("textBody", str(d.getTextBody()));
      v.put("htmlBody", str(d.getHtmlBody()));
      v.put("bodiesTruncated", d.getBodiesTruncated());
    }
    return v;
  }

  /** RFC 5233 sub-address: {@code support+invoice-42@x} → {@code invoice-42}; else null. */
  static String mailboxHash(String recipient) {
    if (recipient == null) {
      return null;
    }
    int at = recipient.lastIndexOf('@');
    String local = at < 0 ? recipient : recipient.substring(0, at);
    int plus = local.indexOf('+');
    return plus < 0 || plus == local.length() - 1 ? null : local.substring(plus + 1);
  }

  /**
   * {@code mailbox.created/updated/deleted}: who the mailbox is (id, public id, domain, address:
   * fixed for its life) and what the event said, never the row as it is when the dispatcher reads
   * it (a later event may have changed it already): {@code created} its initial fields, {@code
   * updated} {@code changes: {field: {from, to}}} (a password only as "changed"), {@code deleted}
   * nothing more.
   */
  static Map<String, Object> mailbox(
      MailboxRef m, String eventId, Instant occurredAt, Map<String, Object> eventFields) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("eventId", eventId);
    v.put("occurredAt", Timestamps.format(occurredAt));
    v.put("mailboxId", m.id());
    v.put("publicId", m.publicId());
    v.put("domainId", m.domainId());
    v.put("emailAddress", m.emailAddress());
    v.putAll(eventFields);
    return v;
  }

  static Map<String, Object> created(String displayName, long quotaBytes, boolean webhookEnabled) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("status", "active");
    v.put("displayName", displayName);
    v.put("quotaBytes", quotaBytes);
    v.put("webhookEnabled", webhookEnabled);
    return v;
  }

  static Map<String, Object> updated(Map<String, Object> changes) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("changes", safeChanges(changes));
    return v;
  }

  static Map<String, Object> deleted() {
    return Map.of("status", "deleted");
  }

  static Map<String, Object> quotaWarning(
      MailboxRef m, long noticeId, int threshold, long usedBytes, long quotaBytes, Instant at) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("noticeId", noticeId);
    v.put("mailboxId", m.id());
    v.put("publicId", m.publicId());
    v.put("domainId", m.domainId());
    v.put("emailAddress", m.emailAddress());
    v.put("threshold", threshold);
    v.put("usedBytes", usedBytes);
    v.put("quotaBytes", quotaBytes);
    v.put("createdAt", Timestamps.format(at));
    return v;
  }

  /** A field named like a password or hash is shown only as "changed". */
  static Map<String, Object> safeChanges(Map<String, Object> changes) {
    Map<String, Object> safe = new LinkedHashMap<>();
    for (var e : changes.entrySet()) {
      String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
      boolean secret = name.contains("password") || name.contains("hash");
      safe.put(e.getKey(), secret ? "changed" : e.getValue());
    }
    return safe;
  }

  private static String str(CharSequence s) {
    return s == null ? null : s.toString();
  }

  private static <T> List<T> orNull(List<T> list) {
    return list.isEmpty() ? null : list;
  }
}
