package dev.poststack.schemas;

import java.util.Map;

/** A topic's name and the settings it is created with. */
public record TopicSpec(String name, int partitions, Cleanup cleanup) {

  public enum Cleanup {
    /** Kept forever: the audit trail and replay read it from the beginning. */
    DELETE_NEVER,
    /** One record per key survives: the latest desired entry. */
    COMPACT,
    /**
     * Kept for a week: reports whose effect the control plane stores (host activity, deliveries); a
     * consumer away for longer loses them, which the READMEs say.
     */
    DELETE_AFTER_A_WEEK
  }

  public Map<String, String> configs() {
    return switch (cleanup) {
      case DELETE_NEVER -> Map.of("cleanup.policy", "delete", "retention.ms", "-1");
      case COMPACT -> Map.of("cleanup.policy", "compact");
      case DELETE_AFTER_A_WEEK -> Map.of("cleanup.policy", "delete", "retention.ms", "604800000");
    };
  }
}
