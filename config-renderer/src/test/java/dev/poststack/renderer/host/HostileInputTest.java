package dev.poststack.renderer.host;

import static dev.poststack.renderer.host.Fixtures.HASH_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each input is refused with a typed error, so no entry (and no row) is ever produced from it. */
class HostileInputTest {

  static Stream<Arguments> hostileMailboxes() {
    String d = "example.test";
    return Stream.of(
        row(
            "colon in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "al:ice", HASH_A, "active", 1L << 30)),
        row(
            "space in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "al ice", HASH_A, "active", 1L << 30)),
        row(
            "tab in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "al\tice", HASH_A, "active", 1L << 30)),
        row(
            "newline in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "alice\nroot", HASH_A, "active", 1L << 30)),
        row(
            "NUL in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "alice\0", HASH_A, "active", 1L << 30)),
        row(
            "slash in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "../alice", HASH_A, "active", 1L << 30)),
        row(
            "dot-dot in local part",
            "localPart",
            () -> HostMailbox.of(1, d, "al..ice", HASH_A, "active", 1L << 30)),
        row(
            "single quote (SQL)",
            "localPart",
            () -> HostMailbox.of(1, d, "o'brien", HASH_A, "active", 1L << 30)),
        row(
            "double quote",
            "localPart",
            () -> HostMailbox.of(1, d, "\"alice\"", HASH_A, "active", 1L << 30)),
        row(
            "percent (query expansion)",
            "localPart",
            () -> HostMailbox.of(1, d, "a%u", HASH_A, "active", 1L << 30)),
        row(
            "Cyrillic a",
            "localPart",
            () -> HostMailbox.of(1, d, "\u0430lice", HASH_A, "active", 1L << 30)),
        row(
            "zero-width space",
            "localPart",
            () -> HostMailbox.of(1, d, "ali\u200Bce", HASH_A, "active", 1L << 30)),
        row(
            "upper case (not canonical)",
            "localPart",
            () -> HostMailbox.of(1, d, "Alice", HASH_A, "active", 1L << 30)),
        row(
            "65-character local part",
            "localPart",
            () -> HostMailbox.of(1, d, "a".repeat(65), HASH_A, "active", 1L << 30)),
        row(
            "reserved name",
            "localPart",
            () -> HostMailbox.of(1, d, "postfix", HASH_A, "active", 1L << 30)),
        row(
            "slash in domain",
            "name",
            () -> HostMailbox.of(1, "example.test/x", "alice", HASH_A, "active", 1L << 30)),
        row(
            "dot-dot in domain",
            "name",
            () -> HostMailbox.of(1, "example..test", "alice", HASH_A, "active", 1L << 30)),
        row(
            "colon in domain",
            "name",
            () -> HostMailbox.of(1, "example.test:25", "alice", HASH_A, "active", 1L << 30)),
        row(
            "trailing dot in domain",
            "name",
            () -> HostMailbox.of(1, "example.test.", "alice", HASH_A, "active", 1L << 30)),
        row(
            "non-ASCII domain",
            "name",
            () -> HostMailbox.of(1, "exämple.test", "alice", HASH_A, "active", 1L << 30)),
        row(
            "over-long domain",
            "name",
            () ->
                HostMailbox.of(
                    1,
                    ("a".repeat(60) + ".").repeat(5) + "test",
                    "alice",
                    HASH_A,
                    "active",
                    1L << 30)),
        row(
            "colon in hash",
            "passwordHash",
            () -> HostMailbox.of(1, d, "alice", "{SHA512-CRYPT}$6$a:b", "active", 1L << 30)),
        row(
            "space in hash",
            "passwordHash",
            () -> HostMailbox.of(1, d, "alice", "{SHA512-CRYPT}$6$a b", "active", 1L << 30)),
        row(
            "newline in hash",
            "passwordHash",
            () -> HostMailbox.of(1, d, "alice", HASH_A + "\nbob:x", "active", 1L << 30)),
        row(
            "hash without scheme",
            "passwordHash",
            () -> HostMailbox.of(1, d, "alice", "$6$abc", "active", 1L << 30)),
        row(
            "pre-locked hash",
            "passwordHash",
            () -> HostMailbox.of(1, d, "alice", "{SHA512-CRYPT}!$6$a", "active", 1L << 30)),
        row(
            "unknown status",
            "status",
            () -> HostMailbox.of(1, d, "alice", HASH_A, "Active", 1L << 30)),
        row("quota zero", "quotaBytes", () -> HostMailbox.of(1, d, "alice", HASH_A, "active", 0)),
        row(
            "negative id",
            "mailboxId",
            () -> HostMailbox.of(-1, d, "alice", HASH_A, "active", 1L << 30)));
  }

  static Stream<Arguments> hostileLines() {
    String ok =
        "mailbox alice@example.test password="
            + HASH_A
            + " status=active home=example.test/42 quota_bytes=1048576";
    return Stream.of(
        row(
            "home escaping the mail root",
            "home",
            () -> EntryCodec.parse(ok.replace("home=example.test/42", "home=../../etc/42"))),
        row(
            "home of another domain",
            "home",
            () -> EntryCodec.parse(ok.replace("home=example.test/", "home=shop.test/"))),
        row(
            "home with a leading zero id",
            "home",
            () -> EntryCodec.parse(ok.replace("/42", "/042"))),
        row(
            "suspended with an unlocked hash",
            "password",
            () -> EntryCodec.parse(ok.replace("active", "suspended"))),
        row(
            "upper-case key",
            "emailAddress",
            () -> EntryCodec.parse(ok.replace("alice@", "Alice@"))),
        row("extra field", "line", () -> EntryCodec.parse(ok + " uid=0")),
        row("two spaces", "line", () -> EntryCodec.parse(ok.replace(" status", "  status"))),
        row(
            "alias to itself",
            "target",
            () -> EntryCodec.parse("alias a@example.test target=a@example.test")),
        row(
            "alias with two targets",
            "emailAddress",
            () -> EntryCodec.parse("alias a@example.test target=b@example.test,c@example.test")),
        row("unknown kind", "kind", () -> EntryCodec.parse("user alice@example.test")),
        row(
            "key with a second address",
            "emailAddress",
            () -> EntryKey.parse("mailbox:a@example.test b@x.test")));
  }

  static Stream<Arguments> conflictingStates() {
    HostMailbox alice = HostMailbox.of(1, "example.test", "alice", HASH_A, "active", 1L << 30);
    HostMailbox alice2 = HostMailbox.of(2, "example.test", "alice", HASH_A, "suspended", 1L << 30);
    HostAlias shadow = HostAlias.of(5, "example.test", "alice", 1, false);
    HostAlias info = HostAlias.of(6, "example.test", "info", 1, false);
    HostAlias info2 = HostAlias.of(7, "example.test", "info", 1, false);
    HostAlias dangling = HostAlias.of(8, "example.test", "sales", 99, false);
    return Stream.of(
        row(
            "two live mailboxes, one address",
            "mailboxes",
            () -> new HostState(List.of(), List.of(alice, alice2), List.of())),
        row(
            "an alias shadowing a mailbox",
            "aliases",
            () -> new HostState(List.of(), List.of(alice), List.of(shadow))),
        row(
            "two live aliases, one address",
            "aliases",
            () -> new HostState(List.of(), List.of(alice), List.of(info, info2))),
        row(
            "an alias to a missing mailbox",
            "aliases",
            () -> new HostState(List.of(), List.of(alice), List.of(dangling))),
        row(
            "two mailboxes, one id",
            "mailboxId",
            () -> new HostState(List.of(), List.of(alice, alice), List.of())),
        row(
            "two active domains, one name",
            "domains",
            () ->
                new HostState(
                    List.of(
                        HostDomain.of(1, "example.test", true),
                        HostDomain.of(2, "example.test", true)),
                    List.of(),
                    List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"hostileMailboxes", "hostileLines", "conflictingStates"})
  void refusesWithATypedErrorNamingTheField(String why, String field, Runnable attempt) {
    assertThatThrownBy(attempt::run)
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
  }

  @Test
  void neverEchoesAHashInAnError() {
    assertThatThrownBy(
            () -> HostMailbox.of(1, "example.test", "alice", HASH_A + " x", "active", 1L << 30))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("$6$"));
    assertThat(HostMailbox.of(1, "example.test", "alice", HASH_A, "active", 1L << 30).toString())
        .doesNotContain("$6$");
  }

  private static Arguments row(String why, String field, Runnable attempt) {
    return Arguments.of(why, field, attempt);
  }
}
