package dev.poststack.api.rotation;

import dev.poststack.api.dkim.DkimRecords;
import dev.poststack.api.http.Timestamps;
import dev.poststack.api.problem.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Where a domain's DKIM rotation stands and what an activation does, from its keys alone: pure, so
 * every rule is tested without a server.
 *
 * <ul>
 *   <li>{@code pending_dns}: a staged key whose record was not seen yet; {@code ready}: seen,
 *       cutover at {@code activatesAfter}; {@code retiring}: no staged key, a replaced key kept
 *       until {@code retireAfter}; else {@code idle}.
 *   <li>Activation needs the staged record published with the generated key (else 409, nothing
 *       changes). The first sighting starts the propagation window; at its end (or at once with
 *       {@code force}, or with a zero window) signing switches. Force skips the wait, never the
 *       proof, as the SDK documents.
 * </ul>
 */
public final class DkimRotation {
  private DkimRotation() {}

  /** What an activation call leads to. */
  public sealed interface Step {
    /** The record was seen for the first time: ready, cutover at {@code activatesAfter}. */
    record Seen(String selector, Instant activatesAfter) implements Step {}

    /** Cutover now; the replaced key retires at {@code retireAfter}. */
    record Activate(String selector, Instant retireAfter) implements Step {}

    /** Seen before and the window is still running: nothing to change. */
    record Wait() implements Step {}
  }

  static Optional<RotationKey> staged(List<RotationKey> keys) {
    return keys.stream().filter(k -> k.is("staged")).findFirst();
  }

  /** 409 when a rotation is staged already: one at a time. */
  static void requireNoneStaged(List<RotationKey> keys) {
    if (staged(keys).isPresent()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "dkim_rotation_in_progress",
          "a DKIM rotation is already in progress; activate or cancel it first");
    }
  }

  static RotationKey requireStaged(List<RotationKey> keys) {
    return staged(keys)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.CONFLICT,
                    "dkim_rotation_not_started",
                    "no DKIM rotation is in progress"));
  }

  public static Step activate(
      RotationKey staged,
      List<String> publishedTxt,
      boolean force,
      Instant now,
      Duration window,
      Duration retirement) {
    boolean published =
        publishedTxt.stream()
            .anyMatch(t -> DkimRecords.publishes(t, staged.algorithm(), staged.publicKey()));
    if (!published) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "dkim_record_missing",
          "the TXT record "
              + staged.selector()
              + "._domainkey is not published with the generated key yet");
    }
    Instant retireAfter = now.plus(retirement);
    if (force || window.isZero()) {
      return new Step.Activate(staged.selector(), retireAfter);
    }
    if (staged.activatesAfter() != null) {
      return now.isBefore(staged.activatesAfter())
          ? new Step.Wait()
          : new Step.Activate(staged.selector(), retireAfter);
    }
    return new Step.Seen(staged.selector(), now.plus(window));
  }

  public static RotationView view(long domainId, String domain, List<RotationKey> keys) {
    Optional<RotationKey> staged = staged(keys);
    Optional<RotationKey> retiring =
        keys.stream()
            .filter(k -> k.is("retiring"))
            .max(Comparator.comparing(RotationKey::retireAfter));
    // RSA signs for every receiver; an Ed25519 key may sign beside it
    Optional<RotationKey> active =
        keys.stream()
            .filter(k -> k.is("active"))
            .min(Comparator.comparing((RotationKey k) -> !k.algorithm().equals("rsa")));
    String state =
        staged.isPresent()
            ? staged.get().publishedAt() == null ? "pending_dns" : "ready"
            : retiring.isPresent() ? "retiring" : "idle";
    return new RotationView(
        domainId,
        state,
        active.map(RotationKey::selector).orElse(null),
        staged.map(RotationKey::selector).orElse(null),
        staged.map(RotationKey::publicKey).orElse(null),
        staged.map(k -> DkimRecords.name(k.selector(), domain)).orElse(null),
        staged.map(k -> DkimRecords.value(k.algorithm(), k.publicKey())).orElse(null),
        staged.map(k -> Timestamps.format(k.createdAt())).orElse(null),
        staged.map(k -> Timestamps.format(k.publishedAt())).orElse(null),
        staged.map(k -> Timestamps.format(k.activatesAfter())).orElse(null),
        retiring.map(RotationKey::selector).orElse(null),
        retiring.map(k -> Timestamps.format(k.retireAfter())).orElse(null));
  }
}
