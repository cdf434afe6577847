package dev.poststack.launcher.mailhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.PostStackCli;
import dev.poststack.launcher.stack.HostSealKey;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.MailDaemonsRequired;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code poststack mailhost} with real Dovecot and Postfix (skipped where they are not installed):
 * it starts, says where it answers, and leaves no daemon behind. Kafka is deliberately absent: the
 * host must come up and serve its store regardless.
 */
class MailHostCommandIT {
  private Path dataDir;

  @BeforeEach
  void scratch() throws IOException {
    // world-searchable, unlike @TempDir: the daemons' users must reach the mail host's directories
    dataDir =
        Files.createTempDirectory(
            "poststack-launcher-mailhost",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  @AfterEach
  void removeScratch() throws IOException {
    try (Stream<Path> walk = Files.walk(dataDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void startsAPrivateMailHostEvenWithoutKafkaOnTheOptionsAddressAndStopsItCompletely()
      throws Exception {
    MailDaemonsRequired.assumeAvailable(LocalMailHost.unavailableReason());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] ports = FreePorts.distinct(4);
    int imaps = ports[0];
    Map<String, String> env =
        Map.of(
            "POSTSTACK_DATA_DIR",
            dataDir.toString(),
            "POSTSTACK_KAFKA_BOOTSTRAP",
            "127.0.0.1:1",
            "POSTSTACK_IMAPS_PORT",
            Integer.toString(imaps),
            "POSTSTACK_POP3S_PORT",
            Integer.toString(ports[1]),
            "POSTSTACK_SMTP_PORT",
            Integer.toString(ports[2]),
            "POSTSTACK_SUBMISSIONS_PORT",
            Integer.toString(ports[3]),
            "POSTSTACK_HOST_ID",
            "from-env",
            "POSTSTACK_MAILHOST_LISTEN",
            "127.0.0.1",
            "POSTSTACK_MAILHOST_DIR",
            dataDir.resolve("mailhost").toString());
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    // --host-id and --listen outrank POSTSTACK_HOST_ID and POSTSTACK_MAILHOST_LISTEN
    int exit =
        PostStackCli.run(
            new String[] {
              "mailhost", "--stop-when-ready", "--host-id", "mh-9", "--listen", "127.0.1.9"
            },
            env,
            print,
            print);

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    // the host answered on its own address (start-up waits for all four ports there)
    assertThat(output)
        .contains(
            "Starting mail host 'mh-9'",
            "Mail host ready in",
            "IMAPS " + imaps,
            "submissions " + ports[3] + " on 127.0.1.9",
            "mailhost/ssl/cert.pem",
            "mailhost/db/mail.sqlite")
        .doesNotContain("from-env");
    assertThat(Files.readString(dataDir.resolve("mailhost/etc/postfix/master.cf")))
        .contains("127.0.1.9:" + ports[2] + " inet");
    assertThat(dataDir.resolve("mailhost/etc/dovecot/dovecot.conf")).exists();
    assertThat(dataDir.resolve("mailhost/run/dovecot/master.pid")).doesNotExist();
    // rspamd ran with the host's own configuration, and the host seal key was made for dev
    assertThat(dataDir.resolve("mailhost/etc/rspamd/rspamd.local.lua")).exists();
    assertThat(dataDir.resolve("mailhost/lib/rspamd-maps/dkim_keys.map")).exists();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(HostSealKey.FILE))))
        .isEqualTo("rw-------");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .commandLine()
                            .map(cmd -> cmd.contains(dataDir.toString()))
                            .orElse(false)))
        .as("daemons left running")
        .isEmpty();
  }

  @Test
  void aBadListenAddressIsOneLineAndStartsNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Map<String, String> env =
        Map.of(
            "POSTSTACK_DATA_DIR", dataDir.toString(),
            "POSTSTACK_KAFKA_BOOTSTRAP", "127.0.0.1:1",
            "POSTSTACK_MAILHOST_DIR", dataDir.resolve("mh-9").toString());

    int bad =
        PostStackCli.run(
            new String[] {"mailhost", "--stop-when-ready", "--listen", "127.0.1"},
            env,
            print,
            print);

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(bad).as(output).isEqualTo(2);
    assertThat(output).contains("--listen").doesNotContain("Exception", "\tat ");
    assertThat(output.strip().lines()).hasSize(1);
    assertThat(dataDir.resolve("mh-9/etc")).doesNotExist();
  }
}
