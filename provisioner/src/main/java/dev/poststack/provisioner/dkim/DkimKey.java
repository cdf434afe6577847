package dev.poststack.provisioner.dkim;

import dev.poststack.values.dkim.DkimKeyState;
import java.time.Instant;

/**
 * A row of {@code dkim_key}, as the provisioner writes it: the public key (published in DNS) and
 * the private key sealed for the hosts only. Timestamps all come from events.
 *
 * @param publishedAt when its DNS record was first seen published (null until then)
 * @param activatesAfter a staged key's earliest cutover once its record was seen
 * @param retireAfter a retiring key's end: then it is dropped
 */
public record DkimKey(
    long domainId,
    String selector,
    String algorithm,
    String publicKey,
    String sealedKey,
    DkimKeyState state,
    Instant createdAt,
    Instant publishedAt,
    Instant activatesAfter,
    Instant retireAfter) {

  public DkimKey seen(Instant published, Instant activates) {
    return new DkimKey(
        domainId,
        selector,
        algorithm,
        publicKey,
        sealedKey,
        state,
        createdAt,
        publishedAt == null ? published : publishedAt,
        activates,
        retireAfter);
  }

  public DkimKey activated(Instant at) {
    return new DkimKey(
        domainId,
        selector,
        algorithm,
        publicKey,
        sealedKey,
        DkimKeyState.ACTIVE,
        createdAt,
        publishedAt == null ? at : publishedAt,
        null,
        null);
  }

  public DkimKey retiring(Instant until) {
    return new DkimKey(
        domainId,
        selector,
        algorithm,
        publicKey,
        sealedKey,
        DkimKeyState.RETIRING,
        createdAt,
        publishedAt,
        null,
        until);
  }

  /** Never the sealed key. */
  @Override
  public String toString() {
    return "DkimKey{" + domainId + " " + selector + " " + algorithm + " " + state + "}";
  }
}
