package dev.poststack.agent.reconcile;

import java.util.Optional;

/** Where the control plane's resync requests for this host come from (Kafka in production). */
public interface ResyncRequests extends AutoCloseable {

  /** A source without requests: a host that is never asked (tests, tools). */
  ResyncRequests NONE =
      new ResyncRequests() {
        @Override
        public Optional<ResyncRequest> latest() {
          return Optional.empty();
        }

        @Override
        public void close() {}
      };

  /**
   * The latest request for this host seen so far, after at most a short wait (empty: none yet, or
   * the broker is unreachable).
   */
  Optional<ResyncRequest> latest();

  @Override
  void close();
}
