package dev.poststack.agent.signing;

import static dev.poststack.agent.signing.SigningPlanTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.HostKeySeal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files with real owners: needs root and rspamd's group (installed with rspamd). */
class SigningFilesIT {
  @TempDir Path dir;

  @BeforeAll
  static void needsRootAndRspamd() {
    MailDaemonsRequired.assumeAvailable(
        !"root".equals(System.getProperty("user.name"))
            ? Optional.of("needs root")
            : Files.exists(Path.of("/usr/bin/rspamd"))
                ? Optional.empty()
                : Optional.of("rspamd is not installed"));
  }

  private SigningFiles files(Optional<HostKeySeal> seal) {
    return new SigningFiles(
        dir.resolve("dkim"),
        dir.resolve("maps/dkim_keys.map"),
        dir.resolve("maps/owners.map"),
        seal);
  }

  @Test
  void writesKeysReadableByRspamdOnlyAndRemovesThoseNoRowWants() throws Exception {
    SigningFiles f = files(Optional.of(SigningPlanTest.SEAL));
    DkimKeyEntry rsa = key("a.test", "s1", DkimAlgorithm.RSA, DkimKeyState.ACTIVE);
    DkimKeyEntry ed = key("a.test", "e1", DkimAlgorithm.ED25519, DkimKeyState.ACTIVE);
    SigningFiles.Outcome o = f.apply(List.of(), List.of(rsa, ed));
    assertThat(o.keysWritten()).isEqualTo(2);
    Path pem = dir.resolve("dkim/a.test/s1.key");
    PosixFileAttributes a = Files.readAttributes(pem, PosixFileAttributes.class);
    assertThat(a.owner().getName()).isEqualTo("root");
    assertThat(a.group().getName()).isEqualTo("_rspamd");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()))
        .isEqualTo("rw-r-----");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("dkim/a.test"))))
        .isEqualTo("rwxr-x---");
    assertThat(Files.readString(pem)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve("maps/dkim_keys.map")))
        .contains("a.test s1:" + pem + " e1:" + dir.resolve("dkim/a.test/e1.rspamd.key"));

    // unchanged rows: nothing is opened or written again
    assertThat(f.apply(List.of(), List.of(rsa, ed)).keysWritten()).isZero();

    // the domain goes: its map line and its files and directory go
    SigningFiles.Outcome gone = f.apply(List.of(), List.of());
    assertThat(gone.keysRemoved()).isEqualTo(2);
    assertThat(dir.resolve("dkim/a.test")).doesNotExist();
    assertThat(Files.readString(dir.resolve("maps/dkim_keys.map"))).doesNotContain("a.test");
  }

  @Test
  void aKeyThatDoesNotOpenIsLeftOutOfTheMapSoItsDomainIsDeferred() throws Exception {
    DkimKeyEntry rsa = key("a.test", "s1", DkimAlgorithm.RSA, DkimKeyState.ACTIVE);
    SigningFiles other = files(Optional.of(HostKeySeal.fromBase64(HostKeySeal.newKeyBase64())));
    SigningFiles.Outcome o = other.apply(List.of(), List.of(rsa));
    assertThat(o.unopened()).containsExactly("s1._domainkey.a.test");
    assertThat(dir.resolve("dkim/a.test/s1.key")).doesNotExist();
    assertThat(Files.readString(dir.resolve("maps/dkim_keys.map"))).doesNotContain("a.test");
    assertThat(files(Optional.empty()).apply(List.of(), List.of(rsa)).unopened()).hasSize(1);
  }
}
