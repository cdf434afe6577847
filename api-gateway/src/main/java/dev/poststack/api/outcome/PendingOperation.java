package dev.poststack.api.outcome;

import java.util.UUID;

/** The {@code operation} member of a 202 answer: where to poll an event whose outcome was late. */
public record PendingOperation(String id, String status, String href) {
  public static PendingOperation of(UUID eventId) {
    return new PendingOperation(eventId.toString(), "pending", "/operations/" + eventId);
  }
}
