package dev.poststack.renderer.hostconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostSettingsTest {
  private static final String BASE = "/var/lib/poststack/host";

  static Stream<Arguments> hostileSettings() {
    HostSettings ok = HostSettings.of("mail.example.test", BASE);
    return Stream.of(
        row("hostname with a space", "name", () -> HostSettings.of("mail example.test", BASE)),
        row(
            "hostname with a newline",
            "name",
            () -> HostSettings.of("mail.example.test\nx = y", BASE)),
        row("single-label hostname", "name", () -> HostSettings.of("localhost", BASE)),
        row(
            "relative base dir",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "var/lib/x")),
        row(
            "base dir with ..",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/lib/../etc")),
        row(
            "base dir with a space",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/my host")),
        row(
            "base dir with a quote",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/it's")),
        row(
            "base dir with a colon",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/a:b")),
        row("base dir with '<'", "baseDir", () -> HostSettings.of("mail.example.test", "/var/<x")),
        row(
            "base dir with '?' (URI)",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/db?mode=rw")),
        row(
            "base dir with '%' (expansion)",
            "baseDir", () -> HostSettings.of("mail.example.test", "/var/%u")),
        row(
            "base dir with a '.' segment",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/./x")),
        row("base dir with //", "baseDir", () -> HostSettings.of("mail.example.test", "/var//x")),
        row(
            "base dir with a trailing /",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/x/")),
        row("root as base dir", "baseDir", () -> HostSettings.of("mail.example.test", "/")),
        row(
            "non-ASCII base dir",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/var/måil")),
        row(
            "over-long base dir",
            "baseDir",
            () -> HostSettings.of("mail.example.test", "/x".repeat(101))),
        row("port 0", "imapsPort", () -> new Ports(0, 995, 25, 465)),
        row("port 65536", "submissionsPort", () -> new Ports(993, 995, 25, 65536)),
        row("the same port twice", "ports", () -> new Ports(993, 993, 25, 465)),
        row("listen address with a port", "listenAddress", () -> new ListenAddress("127.0.0.1:25")),
        row("listen address out of range", "listenAddress", () -> new ListenAddress("256.0.0.1")),
        row(
            "listen address with leading zero",
            "listenAddress",
            () -> new ListenAddress("127.0.0.01")),
        row("listen host name", "listenAddress", () -> new ListenAddress("localhost")),
        row("instance name with a slash", "instanceName", () -> new InstanceName("a/b")),
        row("instance name with upper case", "instanceName", () -> new InstanceName("Dev")),
        row("root as vmail uid", "vmailUid", () -> ok.withVmailOwner(0, 5000)),
        row("negative vmail gid", "vmailGid", () -> ok.withVmailOwner(5000, -1)),
        row("relative store path", "path", () -> new AbsolutePath("db/mail.sqlite")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileSettings")
  void refusesUnsafeSettingsWithATypedError(String why, String field, Runnable attempt) {
    assertThatThrownBy(attempt::run)
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
  }

  @Test
  void acceptsADirectoryWhoseNameStartsWithADot() {
    // bin/poststack's default data directory is <checkout>/.poststack
    assertThat(
            HostSettings.of("mail.example.test", "/root/src/poststack/.poststack/mailhost")
                .baseDir()
                .value())
        .isEqualTo("/root/src/poststack/.poststack/mailhost");
  }

  @Test
  void derivesEveryPathFromTheBaseDirectory() {
    HostLayout layout = HostSettings.of("mail.example.test", BASE).layout();
    assertThat(layout.dovecotConfig().value()).isEqualTo(BASE + "/etc/dovecot/dovecot.conf");
    assertThat(layout.postfixConfigDir().value()).isEqualTo(BASE + "/etc/postfix");
    assertThat(layout.storeDir().value()).isEqualTo(BASE + "/db");
    assertThat(layout.directories()).allSatisfy(p -> assertThat(p.value()).startsWith(BASE + "/"));
  }

  @Test
  void sameSettingsGiveTheSameBytes() {
    assertThat(HostConfigRenderer.render(SampleSettings.production()))
        .isEqualTo(HostConfigRenderer.render(SampleSettings.production()))
        .isNotEqualTo(HostConfigRenderer.render(SampleSettings.dev()));
  }

  private static Arguments row(String why, String field, Runnable attempt) {
    return Arguments.of(why, field, attempt);
  }
}
