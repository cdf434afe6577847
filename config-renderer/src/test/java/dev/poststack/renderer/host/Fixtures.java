package dev.poststack.renderer.host;

import java.util.List;

/** A small state that exercises every rule: suspension, deletion, re-creation, aliases. */
final class Fixtures {
  static final String HASH_A =
      "{SHA512-CRYPT}$6$aaaaaaaaaaaaaaaa$Q0ZhbGljZS5oYXNoLmZvci50ZXN0cy5vbmx5";
  static final String HASH_B =
      "{SHA512-CRYPT}$6$bbbbbbbbbbbbbbbb$Ym9iLmhhc2guZm9yLnRlc3RzLm9ubHkuLi4u";
  static final String HASH_C =
      "{SHA512-CRYPT}$6$cccccccccccccccc$Y2Fyb2wuaGFzaC5mb3IudGVzdHMub25seS4u";

  private Fixtures() {}

  static HostState sample() {
    return new HostState(
        List.of(
            HostDomain.of(1, "example.test", true),
            HostDomain.of(2, "old.test", false),
            HostDomain.of(3, "shop.test", true)),
        List.of(
            HostMailbox.of(42, "example.test", "alice", HASH_A, "active", 300_000_000L),
            HostMailbox.of(43, "example.test", "bob", HASH_B, "suspended", 1L << 30),
            HostMailbox.of(44, "example.test", "carol", HASH_C, "deleted", 1L << 30),
            HostMailbox.of(45, "example.test", "carol", HASH_C, "active", 1L << 20),
            HostMailbox.of(46, "shop.test", "orders", HASH_A, "active", 1L << 40)),
        List.of(
            HostAlias.of(7, "example.test", "info", 42, false),
            HostAlias.of(8, "shop.test", "sales", 43, false),
            HostAlias.of(9, "example.test", "old-info", 42, true),
            HostAlias.of(10, "example.test", "team", 44, false)));
  }
}
