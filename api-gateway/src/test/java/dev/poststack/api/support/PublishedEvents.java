package dev.poststack.api.support;

import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/** The events on the real topic, decoded: what a test looks for after a request. */
public final class PublishedEvents {
  private PublishedEvents() {}

  /** The team's events of {@code type} that match, in the order of the log. */
  public static <T extends SpecificRecord> List<T> of(
      EventLog log, long teamId, Class<T> type, Predicate<T> matching) {
    EventCodec codec = new EventCodec();
    return log.all().stream()
        .map(r -> codec.decode(r.value()))
        .filter(type::isInstance)
        .map(type::cast)
        .filter(e -> Events.envelope(e).getTeamId() == teamId)
        .filter(matching)
        .toList();
  }
}
