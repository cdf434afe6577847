package dev.poststack.api.dkim;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.schemas.event.DkimKey;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyMaker;
import dev.poststack.values.dkim.HostKeySeal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A domain's DKIM keys as the API makes them ({@link DkimKeyMaker}: made and sealed for the hosts
 * at once, ADR 0008), in the events' shape; none without a host seal key.
 */
@Component
public class DkimKeyGenerator {
  private final HostKeySeal seal;
  private final boolean ed25519;
  private final Clock clock;

  public DkimKeyGenerator(ApiProperties properties, Clock clock) {
    String key = properties.hostSealKey();
    this.seal = key == null || key.isBlank() ? null : HostKeySeal.fromBase64(key);
    this.ed25519 = properties.dkim().ed25519();
    this.clock = clock;
  }

  /** False without a host seal key: then no key is made (hosts could not open it). */
  public boolean enabled() {
    return seal != null;
  }

  /** A new domain's keys: RSA-2048, and Ed25519 beside it when enabled; none when disabled. */
  public List<DkimKey> firstKeys(DomainName domain) {
    if (!enabled()) {
      return List.of();
    }
    List<DkimKey> keys = new ArrayList<>();
    keys.add(generate(domain, DkimAlgorithm.RSA, Set.of()));
    if (ed25519) {
      keys.add(generate(domain, DkimAlgorithm.ED25519, Set.of()));
    }
    return keys;
  }

  /**
   * A key under a selector the domain does not have yet.
   *
   * @throws ApiException 503 when no host seal key is configured
   */
  public DkimKey generate(DomainName domain, DkimAlgorithm algorithm, Set<String> taken) {
    if (!enabled()) {
      throw ApiException.unavailable(
          "dkim_unavailable", "DKIM keys are not configured on this server", 60);
    }
    DkimKeyMaker.NewKey key =
        DkimKeyMaker.make(
            domain, algorithm, LocalDate.now(clock.withZone(ZoneOffset.UTC)), taken, seal);
    return DkimKey.newBuilder()
        .setSelector(key.selector().value())
        .setAlgorithm(key.algorithm().value())
        .setPublicKey(key.publicKey())
        .setSealedKey(key.sealedKey().value())
        .build();
  }
}
