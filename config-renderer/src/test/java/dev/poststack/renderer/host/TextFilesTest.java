package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFilesTest {

  @Test
  void theSampleStateAsPasswdFileAndMaps() {
    Map<String, List<String>> files = TextFiles.of(HostEntries.render(Fixtures.sample()));
    assertThat(files.get(TextFiles.PASSWD))
        .containsExactly(
            "alice@example.test:"
                + Fixtures.HASH_A
                + ":::"
                + ":example.test/42::userdb_quota_rule=*:bytes=300000000",
            // suspended: locked with ! after the scheme, as in the store
            "bob@example.test:{SHA512-CRYPT}!"
                + Fixtures.HASH_B.substring("{SHA512-CRYPT}".length())
                + ":::"
                + ":example.test/43::userdb_quota_rule=*:bytes=1073741824",
            // the re-created address has the new mailbox's home
            "carol@example.test:"
                + Fixtures.HASH_C
                + ":::"
                + ":example.test/45::userdb_quota_rule=*:bytes=1048576",
            "orders@shop.test:"
                + Fixtures.HASH_A
                + ":::"
                + ":shop.test/46::userdb_quota_rule=*:bytes=1099511627776");
    assertThat(files.get(TextFiles.MAILBOXES))
        .contains("alice@example.test example.test/42/", "carol@example.test example.test/45/");
    assertThat(files.get(TextFiles.ALIASES)).contains("info@example.test alice@example.test");
    assertThat(files.get(TextFiles.DOMAINS)).contains("example.test OK", "shop.test OK");
    assertThat(String.join("\n", files.get(TextFiles.SENDERS))).contains("info@example.test");
  }

  @Test
  void theSameEntriesInAnyOrderGiveTheSameBytes() {
    List<HostEntry> entries = new ArrayList<>(HostEntries.render(Fixtures.sample()));
    Map<String, List<String>> first = TextFiles.of(entries);
    Collections.reverse(entries);
    assertThat(TextFiles.of(entries)).isEqualTo(first);
  }
}
