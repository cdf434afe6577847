package dev.poststack.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every schema version ever released, kept as fully resolved JSON under {@code
 * released/<EventName>/v<N>.avsc}. Data written with any of them must stay readable.
 */
public final class ReleasedSchemas {
  static final String ROOT = "/dev/poststack/schemas/released/";
  private static final int MAX_VERSIONS = 1000;

  private final Map<EventType, List<Schema>> byType;

  private ReleasedSchemas(Map<EventType, List<Schema>> byType) {
    this.byType = byType;
  }

  public static ReleasedSchemas load() {
    Map<EventType, List<Schema>> byType = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      byType.put(type, versionsOf(type.eventName()));
    }
    return new ReleasedSchemas(byType);
  }

  /**
   * The released versions of a record that is not an event (the hosts' {@code HostApplyReport}),
   * oldest first, from the same place events keep theirs.
   */
  public static List<Schema> versionsOf(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; v < MAX_VERSIONS; v++) {
      String path = ROOT + recordName + "/v" + v + ".avsc";
      try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
    return List.copyOf(versions);
  }

  public List<Schema> of(EventType type) {
    return byType.getOrDefault(type, List.of());
  }
}
