package dev.poststack.provisioner.activity;

import dev.poststack.provisioner.activity.Observation.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch of observations does to the mailboxes it names: pure, so the rules are tested
 * without a database. Both rules are monotonic — the latest login and the newest usage win — so
 * applying a batch twice, or two batches in either order, leaves the same rows; a quota notice is
 * raised only by a usage that actually moves a row, so a re-applied batch raises none.
 *
 * @param changed the rows whose observation columns change, as they become, in id order
 * @param notices the quota notices to queue, per mailbox lowest threshold first, in id order
 * @param outcomes how many observations went where (see {@link Outcome})
 */
public record ActivityPlan(
    List<ObservedMailbox> changed, List<UsageNotice> notices, Map<Outcome, Integer> outcomes) {

  /** Where an observation went; counted in {@code poststack.activity.records{outcome}}. */
  public enum Outcome {
    /** matched a live mailbox (whether or not it moved the row: an old report moves nothing) */
    MATCHED,
    /** no live mailbox has the address (and the id, if any, is not one of that address) */
    UNKNOWN_MAILBOX,
    /** the id and address name a mailbox that is deleted: its successor is another mailbox */
    DELETED_MAILBOX
  }

  /**
   * @param observations the batch, in any order
   * @param rows every row the batch's ids name and every live row of its addresses
   */
  public static ActivityPlan of(
      Collection<Observation> observations, Collection<ObservedMailbox> rows) {
    Map<Long, ObservedMailbox> byId = new HashMap<>();
    Map<String, ObservedMailbox> liveByAddress = new HashMap<>();
    Comparator<ObservedMailbox> servedFirst =
        Comparator.comparing(ObservedMailbox::onVerifiedDomain)
            .thenComparingLong(ObservedMailbox::id)
            .reversed();
    for (ObservedMailbox row : rows) {
      byId.put(row.id(), row);
      if (row.live()) {
        liveByAddress.merge(
            row.emailAddress(), row, (a, b) -> servedFirst.compare(a, b) <= 0 ? a : b);
      }
    }
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    Map<Long, ObservedMailbox> after = new LinkedHashMap<>();
    for (Observation o : observations) {
      String address = o.address().value();
      ObservedMailbox target = null;
      ObservedMailbox named = o.mailboxId() == null ? null : byId.get(o.mailboxId());
      if (named != null && named.emailAddress().equals(address)) {
        if (!named.live()) {
          outcomes.merge(Outcome.DELETED_MAILBOX, 1, Integer::sum);
          continue;
        }
        target = named;
      } else {
        target = liveByAddress.get(address);
      }
      if (target == null) {
        outcomes.merge(Outcome.UNKNOWN_MAILBOX, 1, Integer::sum);
        continue;
      }
      outcomes.merge(Outcome.MATCHED, 1, Integer::sum);
      after.merge(target.id(), fold(target, o), (current, ignored) -> fold(current, o));
    }
    List<ObservedMailbox> changed = new ArrayList<>();
    List<UsageNotice> notices = new ArrayList<>();
    after.values().stream()
        .sorted(Comparator.comparingLong(ObservedMailbox::id))
        .forEach(
            row -> {
              ObservedMailbox before = byId.get(row.id());
              ObservedMailbox decided = withNotices(before, row, notices);
              if (!decided.equals(before)) {
                changed.add(decided);
              }
            });
    return new ActivityPlan(changed, notices, outcomes);
  }

  private static ObservedMailbox fold(ObservedMailbox row, Observation o) {
    Instant login = later(row.lastLoginAt(), o.lastLoginAt());
    Usage usage = o.usage() != null && o.usage().supersedes(row.usage()) ? o.usage() : row.usage();
    return row.withObservations(login, usage, row.quotaNoticeLevel());
  }

  /** The thresholds are decided once per mailbox and batch, on the newest usage of the batch. */
  private static ObservedMailbox withNotices(
      ObservedMailbox before, ObservedMailbox row, List<UsageNotice> notices) {
    if (row.usage() == null || row.usage().equals(before.usage())) {
      return row;
    }
    QuotaThresholds.Crossing crossing =
        QuotaThresholds.next(before.quotaNoticeLevel(), row.usage().usedBytes(), row.quotaBytes());
    for (int threshold : crossing.announce()) {
      notices.add(
          new UsageNotice(
              row.teamId(), row.id(), threshold, row.usage().usedBytes(), row.quotaBytes()));
    }
    return row.withObservations(row.lastLoginAt(), row.usage(), crossing.level());
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.isAfter(a) ? a : b;
  }
}
