package dev.poststack.schemas;

import java.util.Map;

/**
 * How many brokers keep each record, and how many must hold it before a producer with {@code
 * acks=all} is told it is written. One setting for every topic of the catalogue: each of them
 * carries records that must not be lost (the log of record, the hosts' desired entries, the API's
 * own rows), so none deserves less.
 *
 * <p>1 / 1 is a single dev broker. Production runs 3 / 2: a record acknowledged by two brokers
 * survives the loss of any one, and writes go on while one broker is down.
 *
 * @param factor brokers holding a copy of every partition
 * @param minInsync copies that must be in sync for an {@code acks=all} write to succeed
 */
public record TopicReplication(int factor, int minInsync) {
  public static final String FACTOR_VARIABLE = "POSTSTACK_KAFKA_REPLICATION_FACTOR";
  public static final String MIN_INSYNC_VARIABLE = "POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS";

  /** One broker, as {@code bin/poststack dev} runs it. */
  public static final TopicReplication SINGLE_BROKER = new TopicReplication(1, 1);

  /** The documented production setting: any one broker may fail without losing a write. */
  public static final TopicReplication PRODUCTION = new TopicReplication(3, 2);

  public TopicReplication {
    if (factor < 1 || factor > Short.MAX_VALUE) {
      throw new IllegalArgumentException(FACTOR_VARIABLE + " must be at least 1, got " + factor);
    }
    if (minInsync < 1 || minInsync > factor) {
      throw new IllegalArgumentException(
          MIN_INSYNC_VARIABLE
              + " must be between 1 and the replication factor ("
              + factor
              + "), got "
              + minInsync);
    }
  }

  /**
   * From {@code POSTSTACK_KAFKA_REPLICATION_FACTOR} and {@code
   * POSTSTACK_KAFKA_MIN_INSYNC_REPLICAS}. Unset factor: a single broker. Unset min.insync: factor -
   * 1 (at least 1), so writes go on while any one broker is down (3 gives the production 2).
   */
  public static TopicReplication fromEnvironment(Map<String, String> env) {
    return of(number(env, FACTOR_VARIABLE, 1), number(env, MIN_INSYNC_VARIABLE, 0));
  }

  /** {@code minInsync} 0 means unset: factor - 1, at least 1. */
  public static TopicReplication of(int factor, int minInsync) {
    return new TopicReplication(factor, minInsync == 0 ? Math.max(1, factor - 1) : minInsync);
  }

  public short factorAsShort() {
    return (short) factor;
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + v.strip() + "'");
    }
  }
}
