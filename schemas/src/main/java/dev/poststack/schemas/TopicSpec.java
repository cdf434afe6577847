package dev.poststack.schemas;

import java.util.HashMap;
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

  /**
   * What the topic is created with on a cluster replicating as {@code replication} says: its
   * cleanup plus {@code min.insync.replicas}, so that the broker refuses an {@code acks=all} write
   * it could not keep on enough brokers instead of acknowledging it on one.
   */
  public Map<String, String> configs(TopicReplication replication) {
    Map<String, String> all = new HashMap<>(configs());
    all.put("min.insync.replicas", Integer.toString(replication.minInsync()));
    return Map.copyOf(all);
  }

  public Map<String, String> configs() {
    return switch (cleanup) {
      case DELETE_NEVER -> Map.of("cleanup.policy", "delete", "retention.ms", "-1");
      case COMPACT -> Map.of("cleanup.policy", "compact");
      case DELETE_AFTER_A_WEEK -> Map.of("cleanup.policy", "delete", "retention.ms", "604800000");
    };
  }
}
