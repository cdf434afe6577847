package dev.poststack.dashboard.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The create and edit form as sent, with what to show beside each field. The API validates the URL
 * and the events (the same rules as for the SDK); this only catches a form with no event at all.
 */
record WebhookForm(
    String url,
    List<String> events,
    boolean includeBodies,
    Map<String, String> errors,
    String error) {

  /** The event types the API accepts, with what a member reads beside each box. */
  record EventType(String name, String label) {}

  static final List<EventType> EVENT_TYPES =
      List.of(
          new EventType("email.inbound", "Mail received"),
          new EventType("mailbox.created", "Mailbox created"),
          new EventType("mailbox.updated", "Mailbox changed"),
          new EventType("mailbox.deleted", "Mailbox deleted"),
          new EventType("mailbox.quota_warning", "Mailbox near its quota"),
          new EventType("webhook.test", "Test deliveries"));

  private static final String INBOUND_ALIAS = "inbound_email.received";

  static WebhookForm empty() {
    return new WebhookForm("", List.of(), false, Map.of(), null);
  }

  static WebhookForm of(WebhookRow w) {
    return new WebhookForm(w.url(), boxes(w.events()), w.includeBodies(), Map.of(), null);
  }

  static WebhookForm of(MultiValueMap<String, String> form) {
    String url = form.getFirst("url") == null ? "" : form.getFirst("url").strip();
    List<String> events = boxes(form.getOrDefault("events", List.of()));
    Map<String, String> errors = new LinkedHashMap<>();
    if (events.isEmpty()) {
      errors.put("events", "Choose at least one event.");
    }
    return new WebhookForm(
        url, events, "true".equals(form.getFirst("includeBodies")), errors, null);
  }

  /** The boxes to tick: known names only, the SDK's other name of inbound mail as its own box. */
  private static List<String> boxes(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      String box = INBOUND_ALIAS.equals(name) ? "email.inbound" : name;
      if (!out.contains(box) && EVENT_TYPES.stream().anyMatch(e -> e.name().equals(box))) {
        out.add(box);
      }
    }
    return out;
  }

  WebhookForm withErrors(Map<String, String> fieldErrors, String message) {
    return new WebhookForm(url, events, includeBodies, fieldErrors, message);
  }

  /** The body of {@code POST /webhooks} or {@code PATCH /webhooks/:id}. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("events", events);
    body.put("includeBodies", includeBodies);
    return body;
  }
}
