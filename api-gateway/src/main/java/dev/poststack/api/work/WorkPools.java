package dev.poststack.api.work;

import dev.poststack.api.platform.ApiProperties;
import org.springframework.stereotype.Component;

/**
 * The API's pools for slow or CPU-heavy work, one per kind, so that one team's hanging name server
 * or hash flood waits in its own line and never on Reactor's shared {@code boundedElastic} pool.
 */
@Component
public class WorkPools implements AutoCloseable {
  private final WorkPool dns;
  private final WorkPool hashing;
  private final WorkPool publishing;

  public WorkPools(ApiProperties properties) {
    ApiProperties.Work work = properties.work();
    int cores = Runtime.getRuntime().availableProcessors();
    var d = work.dns();
    var h = work.hash();
    var p = work.publish();
    this.dns =
        new WorkPool(
            WorkKind.DNS,
            WorkLimits.of(
                d.threads(),
                d.perTeamThreads(),
                d.perTeamQueued(),
                d.queued(),
                d.timeout(),
                cores));
    this.hashing =
        new WorkPool(
            WorkKind.HASH,
            WorkLimits.of(
                h.threads(),
                h.perTeamThreads(),
                h.perTeamQueued(),
                h.queued(),
                h.timeout(),
                cores,
                h.lendIdleThreads()));
    this.publishing =
        new WorkPool(
            WorkKind.PUBLISH,
            WorkLimits.of(
                p.threads(),
                p.perTeamThreads(),
                p.perTeamQueued(),
                p.queued(),
                p.timeout(),
                cores));
  }

  /** MX lookups (domain verification). */
  public WorkPool dns() {
    return dns;
  }

  /** Password hashes and hash matches. */
  public WorkPool hashing() {
    return hashing;
  }

  /** Kafka publishes, until acknowledged. */
  public WorkPool publishing() {
    return publishing;
  }

  @Override
  public void close() {
    dns.close();
    hashing.close();
    publishing.close();
  }
}
