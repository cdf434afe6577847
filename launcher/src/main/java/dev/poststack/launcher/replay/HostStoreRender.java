package dev.poststack.launcher.replay;

import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.Effects;
import dev.poststack.agent.reconcile.StoreAction;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.TextFiles;
import dev.poststack.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --render DIR}: the replayed host entries as a host store, written by the reload agent's
 * own store code ({@link LocalHostStore}: the SQLite schema Dovecot and Postfix read), as their
 * canonical lines, one per entry, and as a Dovecot passwd-file and Postfix maps ({@link
 * TextFiles}). The passwd-file holds password hashes, as the store does: keep the directory
 * private.
 */
final class HostStoreRender {
  static final String STORE = "host-store.sqlite";
  static final String LINES = "host-entries.txt";

  /** What was written, and the set's content hash (the one hosts report). */
  record Rendered(Path store, Path lines, long entries, String contentHash) {}

  private HostStoreRender() {}

  static Rendered write(Path dir, List<String> lines) throws IOException {
    Files.createDirectories(dir);
    Path store = dir.resolve(STORE);
    if (Files.exists(store)) {
      throw ReplayArguments.usage(
          "--render " + dir + " already holds a host store; name a new one");
    }
    List<HostEntry> entries = lines.stream().map(EntryCodec::parse).toList();
    ContentHash hash = ContentHash.of(entries);
    try (LocalHostStore s = LocalHostStore.open(store, Durability.FULL)) {
      List<StoreAction> inserts =
          entries.stream().map(e -> (StoreAction) new StoreAction.Insert(e)).toList();
      s.applyInOneTransaction(
          entries.stream().map(HostEntry::key).toList(),
          Topics.HOST_ENTRIES.name(),
          actual ->
              new ApplyPlan(
                  inserts, Map.of(), actual.hash(), hash, Effects.NONE, List.of(), entries.size()));
      if (!s.contentHash().equals(hash)) {
        throw new IllegalStateException("the written store's hash differs from the render's");
      }
    }
    Path text = dir.resolve(LINES);
    Files.write(text, lines, StandardCharsets.UTF_8);
    // the same entries as a Dovecot passwd-file and Postfix maps, for people and diffs
    for (Map.Entry<String, List<String>> file : TextFiles.of(entries).entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
    return new Rendered(store, text, entries.size(), hash.hex());
  }
}
