package dev.poststack.launcher.admin;

import dev.poststack.launcher.spi.EventHistory.Event;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code admin events}' output, pure: the rows as a fixed-width table for a person, or as JSON (the
 * API's event shape plus the team) for scripts. A field named like a password, a hash or a secret
 * arrives as {@code changed} already: the admin back end reads the rows with the API's own masked
 * select.
 */
final class EventTable {
  static final int CHANGES_WIDTH = 60;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final List<String> HEADER =
      List.of("TIME", "EVENT", "ACTOR", "REQUEST", "SOURCE IP", "OUTCOME", "CHANGES");

  private EventTable() {}

  static String table(List<Event> events) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Event e : events) {
      rows.add(
          List.of(
              e.occurredAt() == null ? "-" : TIME.format(e.occurredAt()),
              e.type(),
              actor(e),
              orDash(e.requestId()),
              orDash(e.sourceIp()),
              e.rejectionCode() == null
                  ? e.outcome()
                  : e.outcome() + " (" + e.rejectionCode() + ")",
              shorten(changesLine(changes(e.changesJson())))));
    }
    return Columns.align(rows);
  }

  static String json(List<Event> events) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Event e : events) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", e.eventId());
      item.put("type", e.type());
      item.put("occurredAt", e.occurredAt() == null ? null : TIME.format(e.occurredAt()));
      item.put("teamId", e.teamId());
      Map<String, Object> actor = new LinkedHashMap<>();
      actor.put("kind", e.actorKind());
      if ("api_key".equals(e.actorKind())) {
        actor.put("keyId", number(e.actorId()));
        actor.put("name", e.actorName());
      } else {
        actor.put("id", e.actorId());
      }
      item.put("actor", actor);
      item.put("requestId", e.requestId());
      item.put("clientRequestId", e.clientRequestId());
      item.put("sourceIp", e.sourceIp());
      item.put("userAgent", e.userAgent());
      item.put("domainId", e.domainId());
      item.put("mailboxId", e.mailboxId());
      item.put("aliasId", e.aliasId());
      item.put("outcome", e.outcome());
      item.put(
          "rejection",
          e.rejectionCode() == null
              ? null
              : Map.of("code", e.rejectionCode(), "message", orDash(e.rejectionMessage())));
      item.put("changes", changes(e.changesJson()));
      out.add(item);
    }
    return JSON.writeValueAsString(out);
  }

  static String actor(Event e) {
    if ("api_key".equals(e.actorKind())) {
      return e.actorName() == null
          ? "api_key #" + e.actorId()
          : "api_key " + e.actorName() + " (#" + e.actorId() + ")";
    }
    return e.actorKind() + " " + e.actorId();
  }

  static Map<String, Object> changes(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JacksonException e) {
      return Map.of();
    }
  }

  /** {@code displayName: A → B, password: changed}; "-" when nothing was recorded. */
  static String changesLine(Map<String, Object> changes) {
    if (changes.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    changes.forEach(
        (field, value) -> {
          if (value instanceof Map<?, ?> fromTo) {
            parts.add(field + ": " + fromTo.get("from") + " → " + fromTo.get("to"));
          } else {
            parts.add(field + ": " + value);
          }
        });
    return String.join(", ", parts);
  }

  private static String shorten(String text) {
    return text.length() <= CHANGES_WIDTH ? text : text.substring(0, CHANGES_WIDTH - 1) + "…";
  }

  private static String orDash(String text) {
    return text == null ? "-" : text;
  }

  private static Object number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
