package dev.poststack.agent.signing;

import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.SenderEntry;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What rspamd must find on disk for the store's {@code senders} and {@code dkim_keys} rows: one key
 * file per key row in any state (a staged key waits for its DNS record, a retiring one may be
 * brought back), a {@code dkim_keys.map} line per domain naming only its active keys, and a {@code
 * sender_owners.map} line per grant. Pure: the paths are relative to the key directory, so the
 * writer decides where they live.
 *
 * @param keys every key row and its file, sorted by file
 * @param dkimKeysMap {@code <domain> <selector>:<key file> ...}, RSA first, for the active keys;
 *     the file paths absolute under {@code keyDir}
 * @param senderOwnersMap {@code <sender> <login>}, one line per grant
 */
public record SigningPlan(List<KeyFile> keys, String dkimKeysMap, String senderOwnersMap) {

  /** A key row and the file it becomes, {@code <domain>/<file>} below the key directory. */
  public record KeyFile(String relativePath, DkimKeyEntry entry) {}

  /** The file name rspamd reads for this key (RSA: PEM; Ed25519: its own base64 seed‖pub form). */
  static String fileName(DkimKeyEntry e) {
    return e.algorithm() == DkimAlgorithm.RSA
        ? e.selector().value() + ".key"
        : e.selector().value() + ".rspamd.key";
  }

  static String relativePath(DkimKeyEntry e) {
    return e.domain().value() + "/" + fileName(e);
  }

  public static SigningPlan of(
      List<SenderEntry> senders, List<DkimKeyEntry> dkimKeys, String keyDir) {
    List<KeyFile> keys = new ArrayList<>();
    Map<String, List<DkimKeyEntry>> active = new TreeMap<>();
    for (DkimKeyEntry e : dkimKeys) {
      keys.add(new KeyFile(relativePath(e), e));
      if (e.state() == DkimKeyState.ACTIVE) {
        active.computeIfAbsent(e.domain().value(), d -> new ArrayList<>()).add(e);
      }
    }
    keys.sort(Comparator.comparing(KeyFile::relativePath));
    StringBuilder map = new StringBuilder(HEADER);
    active.forEach(
        (domain, list) -> {
          // RSA first: receivers that know only RSA look at the first signature they can read
          list.sort(
              Comparator.comparing((DkimKeyEntry e) -> e.algorithm().ordinal())
                  .thenComparing(e -> e.selector().value()));
          map.append(domain);
          for (DkimKeyEntry e : list) {
            map.append(' ')
                .append(e.selector().value())
                .append(':')
                .append(keyDir)
                .append('/')
                .append(relativePath(e));
          }
          map.append('\n');
        });
    StringBuilder owners = new StringBuilder(HEADER);
    senders.stream()
        .sorted(Comparator.comparing((SenderEntry s) -> s.sender().value()))
        .forEach(
            s ->
                owners
                    .append(s.sender().value())
                    .append(' ')
                    .append(s.login().value())
                    .append('\n'));
    return new SigningPlan(List.copyOf(keys), map.toString(), owners.toString());
  }

  private static final String HEADER = "# written by the poststack reload agent from its store\n";
}
