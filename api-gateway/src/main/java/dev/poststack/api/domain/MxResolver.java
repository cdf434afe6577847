package dev.poststack.api.domain;

import java.util.List;

/**
 * Looks up a domain's MX hosts (lower case, no trailing dot); empty when it has none. Blocking: it
 * runs on the DNS pool ({@code WorkPools.dns()}), never on the event loop.
 */
public interface MxResolver {
  /**
   * @throws LookupFailed when no name server gave an answer (timed out, refused, failed)
   */
  List<String> mxHosts(String domainName);

  /** No answer from the name servers: not the same as "no MX", so the domain is not failed. */
  final class LookupFailed extends RuntimeException {
    public LookupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
