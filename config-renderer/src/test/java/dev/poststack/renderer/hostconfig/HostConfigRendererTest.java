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
  void withoutActivityRecordingDovecotRecordsNothing() {
    String on = dovecotConf(SampleSettings.dev());
    String off = dovecotConf(SampleSettings.dev().withActivityRecording(false));
    assertThat(on).contains("last_login", "quota_clone", "mail_log", "activity-passdb.conf.ext");
    assertThat(off)
        .doesNotContain("last_login")
        .doesNotContain("quota_clone")
        .doesNotContain("mail_log")
        .doesNotContain("activity")
        .doesNotContain("continue-ok")
        .contains("mail_plugins = quota\n", "imap_quota\n", "pop3_uidl_format");
  }

  private static String dovecotConf(HostSettings s) {
    return HostConfigRenderer.render(s).stream()
        .filter(f -> f.name().equals(RenderedFile.DOVECOT_CONF))
        .findFirst()
        .orElseThrow()
        .text();
  }

  @Test
  void rendersEveryFileOnceSortedByName() {
    List<RenderedFile> files = HostConfigRenderer.render(SampleSettings.dev());
    assertThat(files).extracting(RenderedFile::name).isSorted().doesNotHaveDuplicates();
    assertThat(files)
        .extracting(RenderedFile::name)
        .filteredOn(n -> n.startsWith("rspamd/"))
        .contains(
            "rspamd/local.d/dkim_signing.conf",
            "rspamd/local.d/fuzzy_check.conf",
            "rspamd/local.d/options.inc",
            "rspamd/local.d/settings.conf",
            "rspamd/override.d/worker-controller.inc",
            "rspamd/override.d/worker-normal.inc",
            "rspamd/override.d/worker-proxy.inc",
            "rspamd/rspamd.local.lua");
    assertThat(files)
        .extracting(RenderedFile::name)
        .filteredOn(n -> !n.startsWith("rspamd/"))
        .containsExactly(
            "dovecot/activity-passdb.conf.ext",
            "dovecot/dict-activity.conf.ext",
            "dovecot/dovecot-sql.conf.ext",
            "dovecot/dovecot.conf",
            "postfix/main.cf",
            "postfix/master.cf",
            "postfix/sqlite-hosted-senders.cf",
            "postfix/sqlite-senders.cf",
            "postfix/sqlite-stale-logins.cf",
            "postfix/sqlite-valiases.cf",
            "postfix/sqlite-vdomains.cf",
            "postfix/sqlite-vmailboxes.cf");
    assertThat(files)
        .filteredOn(f -> f.name().startsWith("rspamd/"))
        .extracting(RenderedFile::daemon)
        .containsOnly(RenderedFile.Daemon.RSPAMD);
    assertThat(files)
        .filteredOn(f -> f.name().startsWith("postfix/"))
        .extracting(RenderedFile::daemon)
        .containsOnly(RenderedFile.Daemon.POSTFIX);
  }

  @Test
  void rendersRoutesAndOwnHostsIntoMainCf() {
    HostSettings s =
        SampleSettings.dev()
            .withRoutes(
                List.of(
                    new Route(
                        new dev.poststack.values.address.DomainName("remote.test"),
                        new ListenAddress("127.0.0.1"),
                        2525)))
            .withOwnHosts(List.of(new ListenAddress("192.0.2.25")));
    String main = text(s, "postfix/main.cf");
    assertThat(main)
        .contains("transport_maps = inline:{ remote.test=smtp:[127.0.0.1]:2525 }")
        .contains("mynetworks = 192.0.2.25/32");
    assertThat(text(SampleSettings.dev(), "postfix/main.cf")).doesNotContain("transport_maps");
  }

  @Test
  void aHostOnAnotherLoopbackAddressListensOnItOnlyAndNamesTheLoopbackInterfaceToPostfix() {
    HostSettings s = SampleSettings.dev().withListenAddress(new ListenAddress("127.0.1.2"));

    // Postfix refuses an inet_interfaces address that no interface carries; lo carries 127.0.0.1
    assertThat(text(s, "postfix/main.cf")).contains("inet_interfaces = loopback-only\n");
    assertThat(text(s, "postfix/master.cf"))
        .contains("127.0.1.2:" + s.ports().smtp() + " inet")
        .contains("127.0.1.2:" + s.ports().submissions() + " inet");
    assertThat(text(s, RenderedFile.DOVECOT_CONF)).contains("listen = 127.0.1.2\n");
    assertThat(text(SampleSettings.dev(), "postfix/main.cf"))
        .contains("inet_interfaces = " + SampleSettings.dev().listenAddress().value() + "\n");
    HostSettings routable = SampleSettings.dev().withListenAddress(new ListenAddress("192.0.2.7"));
    assertThat(text(routable, "postfix/main.cf")).contains("inet_interfaces = 192.0.2.7\n");
  }

  @Test
  void rspamdChecksTheLoginAddressWithoutItsKeyAndReadsTheAgentsMaps() {
    HostLayout l = SampleSettings.dev().layout();
    String lua = text(SampleSettings.dev(), "rspamd/rspamd.local.lua");
    assertThat(lua)
        .contains("match('^([^/]+)')")
        .contains("file://" + l.senderOwnersMap().value())
        .contains("file://" + l.dkimKeysMap().value())
        .contains("set_pre_result('soft reject'");
    assertThat(text(SampleSettings.dev(), "rspamd/local.d/dkim_signing.conf"))
        .contains("POSTSTACK_DKIM_KEYS:get_key(dom)");
    assertThat(text(SampleSettings.dev(), "postfix/master.cf"))
        .contains("-o smtpd_milters=unix:" + l.rspamdMilterSocket().value());
  }

  private static String text(HostSettings s, String name) {
    return HostConfigRenderer.render(s).stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow()
        .text();
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
