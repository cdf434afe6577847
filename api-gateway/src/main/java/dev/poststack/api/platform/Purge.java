package dev.poststack.api.platform;

import reactor.core.publisher.Mono;

/** A table's housekeeping: deletes what its retention no longer keeps; returns the rows deleted. */
public interface Purge {
  String name();

  Mono<Long> purge();
}
