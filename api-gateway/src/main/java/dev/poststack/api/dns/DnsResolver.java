package dev.poststack.api.dns;

import java.util.List;

/**
 * MX and TXT lookups for domain verification. Blocking: callers run them on the DNS pool ({@code
 * WorkPools.dns()}), never on the event loop. A name without records (NXDOMAIN, or no data of the
 * type) is an empty list; only a lookup nobody answered throws.
 */
public interface DnsResolver {
  /**
   * The name's MX hosts, lower case, without the trailing dot.
   *
   * @throws LookupFailed when no name server gave an answer (timed out, refused, failed)
   */
  List<String> mx(String name);

  /**
   * The name's TXT records, one string per record, its character-strings concatenated (as SPF and
   * DKIM readers join them).
   *
   * @throws LookupFailed when no name server gave an answer (timed out, refused, failed)
   */
  List<String> txt(String name);

  /** No answer from the name servers: not the same as "no record", so nothing is failed on it. */
  final class LookupFailed extends RuntimeException {
    public LookupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
