package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DKIM_ROTATION_CONFLICT;

import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.SealedPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every DKIM event shares, over a domain's keys: which keys the hosts hold (those of a
 * live, verified domain: its name is then the team's alone), a new key's validation, and the
 * lookups of a selector in the state a rotation step needs.
 */
final class DkimKeyring {
  private static final Pattern PUBLIC_KEY = Pattern.compile("[A-Za-z0-9+/]{20,1400}={0,2}");

  private DkimKeyring() {}

  static boolean onHosts(Domain domain) {
    return domain.isLive() && domain.status() == DomainStatus.verified;
  }

  /** Every key of the domain re-saved for the domain as the decision leaves it. */
  static List<Change> resaved(List<DkimKey> keys, Domain after) {
    List<Change> changes = new ArrayList<>();
    boolean onHosts = onHosts(after);
    keys.forEach(k -> changes.add(new Change.SaveDkimKey(k, after.name(), onHosts)));
    return changes;
  }

  static List<Change> dropped(List<DkimKey> keys, Domain domain) {
    List<Change> changes = new ArrayList<>();
    keys.forEach(k -> changes.add(new Change.DropDkimKey(k, domain.name())));
    return changes;
  }

  /**
   * A key from an event, validated by the shared value types (the renderer re-validates it).
   *
   * @throws InvalidValueException for a key of another shape
   */
  static DkimKey fromEvent(
      long domainId, dev.poststack.schemas.event.DkimKey key, DkimKeyState state, Instant at) {
    new DkimSelector(key.getSelector());
    DkimAlgorithm.of(key.getAlgorithm());
    new SealedPrivateKey(key.getSealedKey());
    if (!PUBLIC_KEY.matcher(key.getPublicKey()).matches()) {
      throw new InvalidValueException("publicKey", "must be base64");
    }
    return new DkimKey(
        domainId,
        key.getSelector(),
        key.getAlgorithm(),
        key.getPublicKey(),
        key.getSealedKey(),
        state,
        at,
        null,
        null,
        null);
  }

  static Optional<DkimKey> inState(List<DkimKey> keys, String selector, DkimKeyState state) {
    return keys.stream()
        .filter(k -> k.selector().equals(selector) && k.state() == state)
        .findFirst();
  }

  static boolean any(List<DkimKey> keys, DkimKeyState state) {
    return keys.stream().anyMatch(k -> k.state() == state);
  }

  static Decision conflict(String selector, String expected) {
    return Decision.rejected(
        DKIM_ROTATION_CONFLICT, "selector " + selector + " is not " + expected);
  }
}
