package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.values.InvalidValueException;
import java.util.Optional;

/**
 * One record of the host-entries topic decoded on its own (pure, so records can be decoded on
 * several cores): an entry for its key, a tombstone, or a refusal.
 *
 * <p>The line is parsed first: when it is valid and names exactly the record's key, that key is
 * valid too, so it is not parsed a second time (the key is only parsed on its own for a tombstone
 * or a line that is refused or names another key).
 */
final class RecordDecoder {
  private RecordDecoder() {}

  /** What one record says. */
  sealed interface Decoded {
    EntryRecord record();
  }

  /** The record's key should hold {@code entry}; its line is canonical ({@link EntryCodec}). */
  record Entry(EntryRecord record, EntryKey key, HostEntry entry) implements Decoded {}

  /** The record's key should hold nothing. */
  record Tombstone(EntryRecord record, EntryKey key) implements Decoded {}

  /**
   * The record is refused; {@code key} is its key when that decodes (its row must go: a garbled
   * record fails closed), absent when the key itself does not decode.
   */
  record Refused(EntryRecord record, Optional<EntryKey> key, Refusal refusal) implements Decoded {}

  static Decoded decode(EntryRecord r) {
    if (!r.isTombstone()) {
      HostEntry entry;
      try {
        entry = EntryCodec.parse(r.value());
      } catch (InvalidValueException e) {
        return refusedLine(r, "line refused: " + e.getMessage());
      }
      EntryKey own = entry.key();
      if (own.value().equals(r.key())) {
        return new Entry(r, own, entry);
      }
      return refusedLine(
          r, "line refused: line: is the entry of " + own + ", not of its record key");
    }
    try {
      return new Tombstone(r, EntryKey.parse(r.key()));
    } catch (InvalidValueException e) {
      return keyRefused(r, e);
    }
  }

  private static Decoded refusedLine(EntryRecord r, String reason) {
    EntryKey key;
    try {
      key = EntryKey.parse(r.key());
    } catch (InvalidValueException e) {
      return keyRefused(r, e);
    }
    return new Refused(
        r, Optional.of(key), new Refusal(r.partition(), r.offset(), r.key(), reason));
  }

  private static Decoded keyRefused(EntryRecord r, InvalidValueException e) {
    return new Refused(
        r,
        Optional.empty(),
        new Refusal(r.partition(), r.offset(), r.key(), "key does not decode: " + e.getMessage()));
  }
}
