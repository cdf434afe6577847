package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.HostKeySeal;
import dev.poststack.values.dkim.SealedPrivateKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimKeyEntryTest {
  private static final String SEALED = "v1." + "A".repeat(60);

  private static DkimKeyEntry entry(DkimKeyState state) {
    return new DkimKeyEntry(
        new DomainName("example.test"),
        new DkimSelector("ps202612"),
        DkimAlgorithm.RSA,
        new SealedPrivateKey(SEALED),
        state);
  }

  @Test
  void isKeyedByItsDnsNameAndPrintsOneCanonicalLine() {
    DkimKeyEntry e = entry(DkimKeyState.ACTIVE);

    assertThat(e.key().value()).isEqualTo("dkim:ps202612._domainkey.example.test");
    assertThat(e.line())
        .isEqualTo(
            "dkim ps202612._domainkey.example.test domain=example.test selector=ps202612"
                + " algorithm=rsa sealed_key="
                + SEALED
                + " state=active");
  }

  @Test
  void readsBackEveryStateFromItsLineAndItsKey() {
    for (DkimKeyState state : DkimKeyState.values()) {
      DkimKeyEntry e = entry(state);
      assertThat(EntryCodec.parse(e.line())).isEqualTo(e);
      assertThat(EntryCodec.fromRow(EntryKind.DKIM, e.columnValues())).isEqualTo(e);
      assertThat(EntryKey.parse(e.key().value())).isEqualTo(e.key());
    }
  }

  @Test
  void roundTripsARealSealedKeyAndOpensItUnderItsName() {
    HostKeySeal seal = HostKeySeal.fromBase64(HostKeySeal.newKeyBase64());
    String name = DkimKeyEntry.nameOf(new DkimSelector("e1"), new DomainName("shop.test"));
    DkimKeyEntry e =
        new DkimKeyEntry(
            new DomainName("shop.test"),
            new DkimSelector("e1"),
            DkimAlgorithm.ED25519,
            seal.seal(new byte[] {9, 8, 7}, name),
            DkimKeyState.STAGED);

    DkimKeyEntry back = (DkimKeyEntry) EntryCodec.parse(e.line());

    assertThat(back).isEqualTo(e);
    assertThat(seal.open(back.sealedKey(), back.name())).containsExactly(9, 8, 7);
  }

  @Test
  void refusesARowWhoseNameIsNotItsSelectorAndDomain() {
    List<Object> moved = new java.util.ArrayList<>(entry(DkimKeyState.ACTIVE).columnValues());
    moved.set(0, "ps202612._domainkey.other.test");

    assertThatThrownBy(() -> EntryCodec.fromRow(EntryKind.DKIM, moved))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () ->
                EntryCodec.parse(
                    entry(DkimKeyState.ACTIVE).line().replace("state=active", "state=on")))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () ->
                EntryCodec.parse(
                    entry(DkimKeyState.ACTIVE)
                        .line()
                        .replace("sealed_key=v1.", "sealed_key=-----BEGIN")))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refusesKeysThatAreNotADkimName() {
    for (String bad :
        List.of(
            "dkim:example.test",
            "dkim:._domainkey.example.test",
            "dkim:S1._domainkey.example.test",
            "dkim:s1._domainkey.",
            "dkim:../x._domainkey.example.test")) {
      assertThatThrownBy(() -> EntryKey.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidValueException.class);
    }
  }

  @Test
  void neverPrintsTheSealedKey() {
    assertThat(entry(DkimKeyState.ACTIVE).toString()).doesNotContain(SEALED.substring(3));
  }

  @Test
  void aKeyIsOnTheHostsOnlyWhileItsDomainSignsAndIsRemovedWhenDropped() {
    HostDkimKey key = HostDkimKey.of("example.test", "ps202612", "rsa", SEALED, "staged", true);

    assertThat(HostEntries.changesOf(key, false))
        .containsExactly(new EntryChange.Put(entry(DkimKeyState.STAGED)));
    assertThat(HostEntries.changesOf(key, true)).containsExactly(new EntryChange.Remove(key.key()));
    HostDkimKey unverified =
        HostDkimKey.of("example.test", "ps202612", "rsa", SEALED, "staged", false);
    assertThat(HostEntries.changesOf(unverified, false))
        .containsExactly(new EntryChange.Remove(key.key()));
    assertThatThrownBy(() -> HostDkimKey.of("example.test", "PS", "rsa", SEALED, "staged", true))
        .isInstanceOf(InvalidValueException.class);
  }
}
