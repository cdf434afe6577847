package dev.poststack.agent.activity;

import dev.poststack.schemas.host.MailDelivered;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One delivery record from the mail_log line and, when the agent could still read it, the message
 * (pure). The message's own values win: mail_log cut them at 80 bytes.
 */
final class DeliveryRecords {
  private DeliveryRecords() {}

  /**
   * Unique per delivery and the same however often the agent reads the line again: a folder's GUID
   * changes when it is re-created (and its UIDs restart), so GUID + UID names one message for good.
   * Without a GUID (folder gone) the line's own second stands in for it.
   */
  public static String deliveryId(String hostId, MailLogLine line, Optional<String> folderGuid) {
    String folder =
        folderGuid.orElse(
            "t"
                + line.loggedAt().getEpochSecond()
                + ":"
                + Integer.toHexString(line.folder().hashCode()));
    return hostId + "/" + line.user().toLowerCase(Locale.ROOT) + "/" + folder + "/" + line.uid();
  }

  public static MailDelivered of(
      String hostId,
      Optional<Long> mailboxId,
      MailLogLine line,
      Optional<String> folderGuid,
      Optional<MessageFields> message) {
    Optional<MessageFields> m = message;
    return MailDelivered.newBuilder()
        .setDeliveryId(deliveryId(hostId, line, folderGuid))
        .setHostId(hostId)
        .setAddress(line.user().toLowerCase(Locale.ROOT))
        .setMailboxId(mailboxId.orElse(null))
        .setRecipient(m.flatMap(MessageFields::recipient).map(DeliveryRecords::lower).orElse(null))
        .setFolder(MessageFields.bounded(line.folder()))
        .setUid(line.uid())
        .setMessageId(m.flatMap(MessageFields::messageId).or(line::messageId).orElse(null))
        .setFromAddress(
            m.isPresent()
                ? m.get().fromAddress().orElse(null)
                : line.from().map(DeliveryRecords::bareAddress).orElse(null))
        .setFromName(m.flatMap(MessageFields::fromName).orElse(null))
        .setToAddresses(m.map(MessageFields::to).orElse(List.of()))
        .setCcAddresses(m.map(MessageFields::cc).orElse(List.of()))
        .setSubject(m.isPresent() ? m.get().subject().orElse(null) : line.subject().orElse(null))
        .setSentAt(m.flatMap(MessageFields::sentAt).orElse(null))
        .setDeliveredAt(line.loggedAt())
        .setSizeBytes(line.size())
        .setTextBody(m.flatMap(MessageFields::textBody).orElse(null))
        .setHtmlBody(m.flatMap(MessageFields::htmlBody).orElse(null))
        .setBodiesTruncated(m.map(MessageFields::bodiesTruncated).orElse(false))
        .build();
  }

  private static String lower(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  /** mail_log writes the From address as is, at most 80 bytes: keep it only if it looks whole. */
  private static String bareAddress(String from) {
    String s = from.trim();
    int lt = s.lastIndexOf('<');
    if (lt >= 0 && s.endsWith(">")) {
      s = s.substring(lt + 1, s.length() - 1);
    }
    return s.matches("[^\\s<>@]+@[^\\s<>@]+") ? s : null;
  }
}
