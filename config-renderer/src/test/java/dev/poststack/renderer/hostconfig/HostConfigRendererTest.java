package dev.poststack.renderer.hostconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostConfigRendererTest {

  @Test
  void rendersTheDevHostByteForByte() {
    for (RenderedFile file : HostConfigRenderer.render(SampleSettings.dev())) {
      Golden.assertMatches("hostconfig/dev/" + file.name(), file.bytes());
    }
  }

  @Test
  void rendersTheProductionHostByteForByte() {
    for (RenderedFile file : HostConfigRenderer.render(SampleSettings.production())) {
      Golden.assertMatches("hostconfig/production/" + file.name(), file.bytes());
    }
  }

  @Test
  void rendersEveryFileOnceSortedByName() {
    List<RenderedFile> files = HostConfigRenderer.render(SampleSettings.dev());
    assertThat(files)
        .extracting(RenderedFile::name)
        .isSorted()
        .containsExactly(
            "dovecot/dovecot-sql.conf.ext",
            "dovecot/dovecot.conf",
            "postfix/main.cf",
            "postfix/master.cf",
            "postfix/sqlite-senders.cf",
            "postfix/sqlite-stale-logins.cf",
            "postfix/sqlite-valiases.cf",
            "postfix/sqlite-vdomains.cf",
            "postfix/sqlite-vmailboxes.cf");
    assertThat(files)
        .extracting(RenderedFile::daemon)
        .containsExactly(
            RenderedFile.Daemon.DOVECOT,
            RenderedFile.Daemon.DOVECOT,
            RenderedFile.Daemon.POSTFIX,
            RenderedFile.Daemon.POSTFIX,
            RenderedFile.Daemon.POSTFIX,
            RenderedFile.Daemon.POSTFIX,
            RenderedFile.Daemon.POSTFIX,
            RenderedFile.Daemon.POSTFIX,
            RenderedFile.Daemon.POSTFIX);
  }

  @Test
  void keepsTheHardConditionsTheLabMeasured() {
    String all =
        String.join(
            "\n",
            HostConfigRenderer.render(SampleSettings.production()).stream()
                .map(RenderedFile::text)
                .toList());
    assertThat(all)
        .contains(
            "auth_cache_size = 0",
            "in_flow_delay = 0",
            "reject_sender_login_mismatch",
            "smtpd_tls_wrappermode=yes",
            "check_policy_service unix:",
            "AND status = 'active'",
            "?mode=ro",
            "postlog   unix-dgram")
        .doesNotContain("{{");
    String master =
        HostConfigRenderer.render(SampleSettings.production()).stream()
            .filter(f -> f.name().equals("postfix/master.cf"))
            .findFirst()
            .orElseThrow()
            .text();
    master
        .lines()
        .filter(l -> !l.startsWith("#") && !l.startsWith(" "))
        .forEach(
            line ->
                assertThat(line.split("\\s+")[4]).as("chroot column of %s", line).isEqualTo("n"));
  }
}
