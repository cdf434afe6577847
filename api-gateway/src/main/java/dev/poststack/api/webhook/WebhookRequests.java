package dev.poststack.api.webhook;

import dev.poststack.api.http.JsonBody;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The bodies of {@code POST /webhooks} and {@code PATCH /webhooks/:id}, read with every problem
 * collected into one 422. Pure: the target policy decides URLs, {@link WebhookEvent} event names.
 */
final class WebhookRequests {
  static final int MAX_EVENTS = 16;

  record Create(String url, List<String> events, boolean includeBodies) {}

  /** Absent members are null: left as they are. */
  record Patch(String url, List<String> events, Boolean enabled, Boolean includeBodies) {}

  private WebhookRequests() {}

  static Create create(JsonBody body, TargetPolicy policy) {
    body.allowOnly(Set.of("url", "events", "includeBodies"));
    String url = url(body, policy, true);
    List<String> events = events(body, true);
    Boolean includeBodies = body.bool("includeBodies", false);
    body.validate();
    return new Create(url, events, Boolean.TRUE.equals(includeBodies));
  }

  static Patch patch(JsonBody body, TargetPolicy policy) {
    body.allowOnly(Set.of("url", "events", "enabled", "includeBodies"));
    if (body.isEmpty()) {
      body.fail("body", "must change at least one of url, events, enabled, includeBodies");
    }
    String url = url(body, policy, false);
    List<String> events = body.has("events") ? events(body, true) : null;
    Boolean enabled = body.bool("enabled", false);
    Boolean includeBodies = body.bool("includeBodies", false);
    body.validate();
    return new Patch(url, events, enabled, includeBodies);
  }

  private static String url(JsonBody body, TargetPolicy policy, boolean required) {
    String url = body.string("url", required);
    if (url == null) {
      return null;
    }
    return policy.refuseUrl(url).map(reason -> body.<String>fail("url", reason)).orElse(url);
  }

  /** A non-empty array of known event names, duplicates dropped, order kept. */
  private static List<String> events(JsonBody body, boolean required) {
    JsonNode node = body.root().get("events");
    if (node == null || node.isNull()) {
      return required ? body.fail("events", "is required") : null;
    }
    if (!node.isArray() || node.isEmpty() || node.size() > MAX_EVENTS) {
      return body.fail("events", "must be an array of 1 to " + MAX_EVENTS + " event names");
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode item : node) {
      if (!item.isString() || WebhookEvent.parse(item.stringValue()).isEmpty()) {
        return body.fail(
            "events",
            "must name known events: email.inbound (or inbound_email.received), mailbox.created,"
                + " mailbox.updated, mailbox.deleted, mailbox.quota_warning, webhook.test");
      }
      names.add(item.stringValue());
    }
    return new ArrayList<>(names);
  }
}
