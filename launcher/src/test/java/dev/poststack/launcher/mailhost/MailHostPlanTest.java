package dev.poststack.launcher.mailhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.stack.DataDirIdentity;
import dev.poststack.launcher.stack.LauncherEnv;
import dev.poststack.renderer.hostconfig.HostConfigRenderer;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.Ports;
import dev.poststack.renderer.hostconfig.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailHostPlanTest {
  /** Every absolute path in a rendered file: sockets, pid files, stores, Maildirs, logs. */
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]+");

  @TempDir Path dataDir;

  private LauncherEnv env(Map<String, String> extra) {
    Map<String, String> vars = new HashMap<>(extra);
    vars.put("POSTSTACK_DATA_DIR", dataDir.toString());
    return LauncherEnv.from(vars);
  }

  private DataDirIdentity identity;

  /** One identity per test, as {@code dev} establishes one for all its hosts. */
  private MailHostEnv host(LauncherEnv env, MailHostPlan.Host host) {
    if (identity == null) {
      identity = DataDirIdentity.establish(dataDir, Optional.empty());
    }
    return MailHostEnv.from(env, identity, host);
  }

  @Test
  void oneHostIsTodaysHostWithTheEnvironmentsIdAndAddress() {
    LauncherEnv env =
        env(Map.of("POSTSTACK_HOST_ID", "edge-1", "POSTSTACK_MAILHOST_LISTEN", "127.0.0.9"));

    MailHostPlan plan = MailHostPlan.of(1, env.variables());

    assertThat(plan.single()).isTrue();
    MailHostEnv only = host(env, plan.hosts().get(0));
    assertThat(only.hostId()).isEqualTo("edge-1");
    assertThat(only.settings().listenAddress().value()).isEqualTo("127.0.0.9");
    assertThat(host(env(Map.of()), plan.hosts().get(0)).hostId()).isEqualTo("local");
  }

  @Test
  void severalHostsAreNumberedEachOnItsOwnLoopbackAddressWithTheSamePortsAndItsOwnDirectory() {
    LauncherEnv env = env(Map.of());

    List<MailHostEnv> hosts =
        MailHostPlan.of(3, env.variables()).hosts().stream().map(h -> host(env, h)).toList();

    assertThat(hosts).extracting(MailHostEnv::hostId).containsExactly("mh-1", "mh-2", "mh-3");
    assertThat(hosts)
        .extracting(h -> h.settings().listenAddress().value())
        .containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");
    assertThat(hosts).extracting(h -> h.settings().ports()).containsOnly(Ports.DEV);
    assertThat(hosts)
        .extracting(h -> Path.of(h.settings().baseDir().value()).getFileName().toString())
        .containsExactly("mh-1", "mh-2", "mh-3");
    assertThat(hosts)
        .extracting(h -> Path.of(h.settings().baseDir().value()).getParent())
        .containsOnly(Path.of(hosts.get(0).settings().baseDir().value()).getParent());
  }

  @Test
  void twoHostsConfigurationsShareNoListenAddressNoSocketAndNoFile() {
    LauncherEnv env = env(Map.of());
    List<HostSettings> hosts =
        MailHostPlan.of(2, env.variables()).hosts().stream()
            .map(h -> host(env, h).settings())
            .toList();

    Set<String> first = ownPaths(hosts.get(0));
    Set<String> second = ownPaths(hosts.get(1));

    // the LMTP, auth, quota-status, dict and rspamd sockets, pid files, stores and logs
    assertThat(first)
        .contains(hosts.get(0).layout().rspamdMilterSocket().value())
        .anyMatch(p -> p.endsWith("/run/dovecot"));
    assertThat(first).doesNotContainAnyElementsOf(second);
    for (HostSettings h : hosts) {
      String a = h.listenAddress().value();
      assertThat(text(h, RenderedFile.DOVECOT_CONF)).contains("listen = " + a + "\n");
      // Postfix refuses an interface address lo does not carry; master.cf binds the address
      assertThat(text(h, "postfix/main.cf")).contains("inet_interfaces = loopback-only\n");
      assertThat(text(h, "postfix/master.cf"))
          .contains(a + ":" + h.ports().smtp() + " inet", a + ":" + h.ports().submissions());
    }
  }

  @Test
  void severalHostsRefuseTheSettingsThatNameOneHostAndABadCount() {
    for (String name : List.of("POSTSTACK_HOST_ID", "POSTSTACK_MAILHOST_LISTEN")) {
      assertThatThrownBy(() -> MailHostPlan.of(2, Map.of(name, "127.0.0.5")))
          .isInstanceOf(OperatorException.class)
          .hasMessageContaining(name)
          .extracting(e -> ((OperatorException) e).exitCode())
          .isEqualTo(ExitCodes.USAGE);
    }
    for (int count : new int[] {0, -1, MailHostPlan.MAX_HOSTS + 1}) {
      assertThatThrownBy(() -> MailHostPlan.of(count, Map.of()))
          .isInstanceOf(OperatorException.class)
          .hasMessageContaining("--mail-hosts");
    }
    assertThat(MailHostPlan.of(1, Map.of("POSTSTACK_HOST_ID", "a")).single()).isTrue();
  }

  @Test
  void theMailhostCommandsOptionsOutrankTheEnvironmentAndABadOneIsNamed() {
    LauncherEnv env =
        env(Map.of("POSTSTACK_HOST_ID", "env-id", "POSTSTACK_MAILHOST_LISTEN", "127.0.0.9"));

    MailHostEnv given =
        host(env, new MailHostPlan.Host(Optional.of("mh-7"), Optional.of("127.0.1.7")));

    assertThat(given.hostId()).isEqualTo("mh-7");
    assertThat(given.settings().listenAddress().value()).isEqualTo("127.0.1.7");
    assertThat(given.settings().baseDir().value()).endsWith("/mh-7");
    assertThatThrownBy(
            () -> host(env, new MailHostPlan.Host(Optional.empty(), Optional.of("127.0.1"))))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("--listen");
    assertThatThrownBy(
            () -> host(env, new MailHostPlan.Host(Optional.of("Bad_Id"), Optional.empty())))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("--host-id");
  }

  /** Paths in the host's rendered configuration below its own directory. */
  private static Set<String> ownPaths(HostSettings h) {
    Set<String> paths = new HashSet<>();
    for (RenderedFile f : HostConfigRenderer.render(h)) {
      Matcher m = PATH.matcher(new String(f.bytes(), StandardCharsets.UTF_8));
      while (m.find()) {
        paths.add(m.group());
      }
    }
    // what is left outside it is the system's: binaries, /etc/rspamd, /dev/null
    Set<String> outside = new HashSet<>(paths);
    outside.removeIf(p -> p.startsWith(h.baseDir().value()));
    assertThat(outside).allMatch(p -> !p.startsWith("/var/lib/poststack"));
    paths.removeAll(outside);
    return paths;
  }

  private static String text(HostSettings h, String name) {
    return HostConfigRenderer.render(h).stream()
        .filter(f -> f.name().equals(name))
        .map(f -> new String(f.bytes(), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }
}
