package dev.poststack.agent.reconcile;

/**
 * A record the agent will not write: its key or line does not decode, or the line is for another
 * key. Logged loudly and counted; its key's row (when the key is readable) is removed, so a garbled
 * record fails closed (no login) instead of leaving a stale row that may grant one.
 */
public record Refusal(int partition, long offset, String key, String reason) {
  @Override
  public String toString() {
    // the key names an address; the value is never repeated (it may carry a hash)
    return "partition " + partition + " offset " + offset + " key '" + key + "': " + reason;
  }
}
