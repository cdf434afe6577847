package dev.poststack.api.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event types a webhook can subscribe to, named as the real service names them so existing
 * handlers work. {@code inbound_email.received} is the SDK's other name for {@code email.inbound}:
 * a subscription may use either and receives {@code email.inbound}.
 */
public enum WebhookEvent {
  EMAIL_INBOUND("email.inbound", "inbound_email.received"),
  MAILBOX_CREATED("mailbox.created"),
  MAILBOX_UPDATED("mailbox.updated"),
  MAILBOX_DELETED("mailbox.deleted"),
  MAILBOX_QUOTA_WARNING("mailbox.quota_warning"),
  WEBHOOK_TEST("webhook.test");

  private final String wireName;
  private final String alias;

  WebhookEvent(String wireName) {
    this(wireName, null);
  }

  WebhookEvent(String wireName, String alias) {
    this.wireName = wireName;
    this.alias = alias;
  }

  public String wireName() {
    return wireName;
  }

  /** The type a subscription name stands for, by its name or its alias. */
  public static Optional<WebhookEvent> parse(String name) {
    return Arrays.stream(values())
        .filter(e -> e.wireName.equals(name) || name.equals(e.alias))
        .findFirst();
  }

  /** Whether a webhook subscribed to {@code subscribed} (names as stored) receives this type. */
  public boolean isIn(Iterable<String> subscribed) {
    for (String name : subscribed) {
      if (parse(name).orElse(null) == this) {
        return true;
      }
    }
    return false;
  }
}
