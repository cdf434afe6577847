package dev.poststack.renderer.hostconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.testing.Command;
import dev.poststack.testing.MailDaemonsRequired;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed Dovecot 2.3 and Postfix 3.7 accept the rendered configuration as it is. */
class HostConfigDaemonsIT {
  @TempDir Path temp;

  @Test
  void doveconfAcceptsTheRenderedDovecotConf() throws IOException {
    requireInstalled("doveconf");
    HostLayout layout = writeHost();
    Command.Result r = Command.run("", "doveconf", "-n", "-c", layout.dovecotConfig().value());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr())
        .doesNotContainIgnoringCase("warning")
        .doesNotContainIgnoringCase("error");
    assertThat(r.stdout()).contains("driver = sql", "instance_name = renderer-it");
    // -n hides defaults; ask for the settings whose value the lab found critical
    Command.Result asked =
        Command.run(
            "",
            "doveconf",
            "-c",
            layout.dovecotConfig().value(),
            "auth_cache_size",
            "ssl",
            "disable_plaintext_auth");
    assertThat(asked.stdout())
        .contains("auth_cache_size = 0", "ssl = required", "disable_plaintext_auth = yes");
  }

  /**
   * The SMTP AUTH recorder relies on Dovecot ordering a protocol's passdbs before the global one:
   * for smtp the host store's passdb, then the recorder, then the global passdb; imap sees the
   * global one alone.
   */
  @Test
  void smtpLoginsGoThroughTheRecorderAndImapLoginsNever() throws IOException {
    requireInstalled("doveconf");
    HostLayout layout = writeHost();
    String conf = layout.dovecotConfig().value();
    String smtp = Command.run("", "doveconf", "-c", conf, "-f", "protocol=smtp", "passdb").stdout();
    String imap = Command.run("", "doveconf", "-c", conf, "-f", "protocol=imap", "passdb").stdout();
    String sql = "args = " + layout.dovecotSqlConfig().value();
    String recorder = "args = " + layout.activityPassdbConfig().value();
    assertThat(smtp.indexOf(sql)).isNotNegative().isLessThan(smtp.indexOf(recorder));
    assertThat(smtp.indexOf(recorder)).isLessThan(smtp.lastIndexOf(sql));
    assertThat(imap).contains(sql).doesNotContain(recorder);
  }

  @Test
  void postconfParsesMainCfAndMasterCfWithoutWarnings() throws IOException {
    requireInstalled("postconf");
    HostLayout layout = writeHost();
    String dir = layout.postfixConfigDir().value();
    for (String flag : new String[] {"-n", "-M", "-P"}) {
      Command.Result r = Command.run("", "postconf", "-c", dir, flag);
      assertThat(r.exitCode()).as("postconf %s: %s", flag, r.stderr()).isZero();
      assertThat(r.stderr())
          .as("postconf %s", flag)
          .doesNotContain("warning")
          .doesNotContain("fatal");
    }
    Command.Result main =
        Command.run("", "postconf", "-c", dir, "-h", "smtpd_sender_login_maps", "in_flow_delay");
    assertThat(main.stdout())
        .contains("proxy:sqlite:" + dir + "/sqlite-senders.cf")
        .contains("0\n");
    Command.Result submissions =
        Command.run(
            "", "postconf", "-c", dir, "-P", "127.0.0.1:10465/inet/smtpd_sender_restrictions");
    assertThat(submissions.stdout()).contains("$submission_sender_restrictions");
    Command.Result restrictions =
        Command.run(
            "",
            "postconf",
            "-c",
            dir,
            "-x",
            "-h",
            "submission_sender_restrictions",
            "submission_end_of_data_restrictions",
            "proxy_read_maps");
    assertThat(restrictions.stdout())
        .contains("reject_sender_login_mismatch")
        .contains("check_sasl_access proxy:sqlite:" + dir + "/sqlite-stale-logins.cf")
        .contains("proxy:sqlite:" + dir + "/sqlite-senders.cf")
        .contains("proxy:sqlite:" + dir + "/sqlite-hosted-senders.cf");
    Command.Result milter =
        Command.run("", "postconf", "-c", dir, "-P", "127.0.0.1:10465/inet/smtpd_milters");
    assertThat(milter.stdout()).contains("unix:" + layout.rspamdMilterSocket().value());
    Command.Result port25 =
        Command.run(
            "",
            "postconf",
            "-c",
            dir,
            "-h",
            "smtpd_milters",
            "milter_default_action",
            "smtpd_sender_restrictions");
    assertThat(port25.stdout())
        .isEqualTo("\ntempfail\npermit_mynetworks, check_sender_access $hosted_sender_maps\n");
  }

  @Test
  void rspamadmAcceptsTheRenderedRspamdConfig() throws IOException {
    requireInstalled("rspamadm");
    HostLayout layout = writeHost();
    Command.Result r =
        Command.run(
            "",
            "rspamadm",
            "--var=LOCAL_CONFDIR=" + layout.rspamdConfigDir().value(),
            "--var=DBDIR=" + layout.rspamdDbDir().value(),
            "--var=RUNDIR=" + layout.rspamdRunDir().value(),
            "--var=LOGDIR=" + layout.logDir().value(),
            "configtest",
            "-c",
            "/etc/rspamd/rspamd.conf");
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains("syntax OK");
    // a stock module that still reached for the internet would try to resolve its servers
    assertThat(r.stdout() + r.stderr()).doesNotContain("rspamd.com");
    Command.Result dump =
        Command.run(
            "",
            "rspamadm",
            "--var=LOCAL_CONFDIR=" + layout.rspamdConfigDir().value(),
            "--var=DBDIR=" + layout.rspamdDbDir().value(),
            "--var=RUNDIR=" + layout.rspamdRunDir().value(),
            "--var=LOGDIR=" + layout.logDir().value(),
            "configdump",
            "-c",
            "/etc/rspamd/rspamd.conf",
            "worker");
    // the stock TCP ports 11332-11334 would collide between hosts on one machine
    assertThat(dump.stdout())
        .contains(layout.rspamdMilterSocket().value())
        .doesNotContain("11332", "11333", "11334");
  }

  private HostLayout writeHost() throws IOException {
    HostSettings settings =
        HostSettings.of("mail.poststack.test", temp.toString())
            .withInstanceName(new InstanceName("renderer-it"))
            .withPorts(Ports.DEV)
            .withOutboundDelivery(false);
    HostLayout layout = settings.layout();
    for (AbsolutePath dir : layout.directories()) {
      Files.createDirectories(Path.of(dir.value()));
    }
    for (RenderedFile file : HostConfigRenderer.render(settings)) {
      Path target = Path.of(layout.configDir().value(), file.name());
      Files.createDirectories(target.getParent());
      Files.write(target, file.bytes());
    }
    // doveconf reads "ssl_cert = <file" while parsing; the content is checked only by the daemon
    Files.createDirectories(Path.of(settings.tlsCertPath().parent().value()));
    Files.writeString(Path.of(settings.tlsCertPath().value()), "not a certificate\n");
    Files.writeString(Path.of(settings.tlsKeyPath().value()), "not a key\n");
    return layout;
  }

  private static void requireInstalled(String command) {
    MailDaemonsRequired.assumeAvailable(
        Command.installed(command) ? Optional.empty() : Optional.of(command + " is not installed"));
  }
}
