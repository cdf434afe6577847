package dev.poststack.api.domain;

import dev.poststack.schemas.event.DomainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a scheduled re-check of a verified domain decides, pure. Everything required found: it stays
 * verified. Something missing: it stays verified (its host entries stay, mail keeps flowing) while
 * the missing spell is younger than the grace; once a check finds it still missing after the grace,
 * it fails. The provisioner keeps when the spell started (the first check that missed a record).
 */
final class Recheck {
  private Recheck() {}

  /** The status to publish with the check's result: null (unchanged) or failed. */
  static DomainStatus next(List<String> found, Instant missingSince, Instant now, Duration grace) {
    if (DnsCheck.allRequired(found) || missingSince == null) {
      return null;
    }
    return missingSince.plus(grace).isAfter(now) ? null : DomainStatus.failed;
  }
}
