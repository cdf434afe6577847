package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EntryKeyTest {

  @Test
  void aKeyMadeFromAValueEqualsTheSameKeyParsedFromItsText() {
    EmailAddress address = EmailAddress.parse("Alice.B@Example.TEST");
    for (EntryKind kind : new EntryKind[] {EntryKind.MAILBOX, EntryKind.ALIAS, EntryKind.SENDER}) {
      EntryKey typed = EntryKey.of(kind, address);
      EntryKey parsed = EntryKey.parse(kind.prefix() + ":alice.b@example.test");
      assertThat(typed).isEqualTo(parsed).hasSameHashCodeAs(parsed);
      assertThat(typed.value()).isEqualTo(kind.prefix() + ":alice.b@example.test");
      assertThat(typed.name()).isEqualTo("alice.b@example.test");
      assertThat(typed.kind()).isEqualTo(kind);
    }
    DomainName domain = DomainName.of("Example.TEST");
    assertThat(EntryKey.of(domain)).isEqualTo(new EntryKey(EntryKind.DOMAIN, "example.test"));
  }

  @Test
  void textIsStillCheckedAndAddressesAreNoDomainOrDkimKeys() {
    assertThatThrownBy(() -> new EntryKey(EntryKind.MAILBOX, "Alice@example.test"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> EntryKey.parse("domain:exa mple.test"))
        .isInstanceOf(InvalidValueException.class);
    EmailAddress address = EmailAddress.parse("a@example.test");
    assertThatThrownBy(() -> EntryKey.of(EntryKind.DOMAIN, address))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> EntryKey.of(EntryKind.DKIM, address))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void keysOrderByTheirText() {
    TreeSet<EntryKey> keys = new TreeSet<>();
    keys.add(EntryKey.parse("mailbox:b@example.test"));
    keys.add(EntryKey.parse("alias:z@example.test"));
    keys.add(EntryKey.parse("mailbox:a@example.test"));
    assertThat(keys)
        .extracting(EntryKey::value)
        .containsExactly(
            "alias:z@example.test", "mailbox:a@example.test", "mailbox:b@example.test");
  }
}
