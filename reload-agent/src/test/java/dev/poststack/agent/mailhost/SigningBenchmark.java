package dev.poststack.agent.mailhost;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.daemon.Command;
import dev.poststack.renderer.host.DomainEntry;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.hostconfig.ListenAddress;
import dev.poststack.renderer.hostconfig.Route;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.testing.mail.MailClients;
import dev.poststack.testing.mail.MailEndpoints;
import dev.poststack.testing.mail.SmtpSink;
import dev.poststack.testing.mail.SubmissionSession;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Measures, on one mail host in one run: submissions/s over 465 with rspamd (From check + RSA-2048
 * signature) beside the same Postfix's second submissions service without the milter, rounds
 * interleaved; and what a DKIM key rotation costs the host (the agent writing the new key and the
 * map, until the next message signs with the new selector). Not part of {@code verify} (no
 * *Test/*IT/*E2E name): {@code ./mvnw -B -o -pl reload-agent -am verify -Dtest=SigningBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; the figures are printed.
 */
class SigningBenchmark {
  private static final int ROUNDS = 5;
  private static final int CONN_PER_ROUND = 40;
  private static final int REUSE_PER_ROUND = 200;
  private static final int ROTATIONS = 10;

  @Test
  void submissionThroughputWithAndWithoutTheMilterAndTheCostOfARotation() throws Exception {
    MailDaemonsRequired.assumeAvailable(MailHost.unavailableReason());
    DkimKeys keys = new DkimKeys();
    try (SmtpSink remote = new SmtpSink();
        RunningMailHost host =
            new RunningMailHost(
                "bench",
                List.of(
                    new Route(
                        new DomainName("remote.test"),
                        new ListenAddress("127.0.0.1"),
                        remote.port())),
                Optional.of(keys.seal()))) {
      List<EntryChange> changes = new ArrayList<>();
      for (HostEntry e :
          HostEntries.render(
              state().domain(1, "bench.test").mailbox(10, "b@bench.test", "b-pw").build())) {
        changes.add(new EntryChange.Put(e));
        if (e instanceof DomainEntry) {
          changes.add(
              new EntryChange.Put(
                  keys.key("bench.test", "s1", DkimAlgorithm.RSA, DkimKeyState.ACTIVE)));
        }
      }
      host.publishAndAwait(changes);
      host.awaitSigningMap("dkim_keys.map", "bench.test s1:");

      int plainPort = addSubmissionsWithoutMilter(host);
      MailClients signed = host.mail;
      MailClients plain =
          new MailClients(
              new MailEndpoints(
                  host.settings.ports().imaps(),
                  host.settings.ports().pop3s(),
                  host.settings.ports().smtp(),
                  plainPort,
                  Path.of(host.settings.tlsCertPath().value())));
      // warm both (TLS session caches, smtpd processes, rspamd's first scan)
      for (int i = 0; i < 5; i++) {
        assertThat(signed.submit("b@bench.test", "b-pw", "b@bench.test", "x@remote.test", "w"))
            .isEqualTo(250);
        assertThat(plain.submit("b@bench.test", "b-pw", "b@bench.test", "x@remote.test", "w"))
            .isEqualTo(250);
      }
      double[][] conn = new double[2][ROUNDS];
      double[][] reuse = new double[2][ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        // alternate which goes first, so neither always meets a warmer machine
        boolean signedFirst = r % 2 == 0;
        for (int k = 0; k < 2; k++) {
          boolean useSigned = (k == 0) == signedFirst;
          MailClients c = useSigned ? signed : plain;
          conn[useSigned ? 0 : 1][r] = perSecondConn(c);
          reuse[useSigned ? 0 : 1][r] = perSecondReuse(c);
        }
      }
      double connSigned = median(conn[0]);
      double connPlain = median(conn[1]);
      double reuseSigned = median(reuse[0]);
      double reusePlain = median(reuse[1]);
      System.out.printf(
          "submissions/s, new TLS connection + AUTH per message, 1 client (median of %d rounds of"
              + " %d): rspamd %.1f, no milter %.1f, ratio %.2f%n",
          ROUNDS, CONN_PER_ROUND, connSigned, connPlain, connSigned / connPlain);
      System.out.printf(
          "submissions/s, one session, 1 client (median of %d rounds of %d): rspamd %.1f, no"
              + " milter %.1f, ratio %.2f%n",
          ROUNDS, REUSE_PER_ROUND, reuseSigned, reusePlain, reuseSigned / reusePlain);

      // rotation: stage s(n+1), activate it and retire s(n) — what the provisioner sends
      double[] applyMs = new double[ROTATIONS];
      double[] firstSignedMs = new double[ROTATIONS];
      for (int i = 0; i < ROTATIONS; i++) {
        String old = "s" + (i + 1);
        String next = "s" + (i + 2);
        host.publishAndAwait(
            List.of(
                new EntryChange.Put(
                    keys.key("bench.test", next, DkimAlgorithm.RSA, DkimKeyState.STAGED))));
        long t0 = System.nanoTime();
        host.publishAndAwaitCommitted(
            List.of(
                new EntryChange.Put(
                    keys.key("bench.test", next, DkimAlgorithm.RSA, DkimKeyState.ACTIVE)),
                new EntryChange.Put(
                    keys.key("bench.test", old, DkimAlgorithm.RSA, DkimKeyState.RETIRING))));
        Path map = Path.of(host.settings.layout().dkimKeysMap().value());
        while (!Files.readString(map).contains("bench.test " + next + ":")) {
          Thread.onSpinWait();
        }
        applyMs[i] = (System.nanoTime() - t0) / 1e6;
        String subject = "rot-" + i;
        while (true) {
          assertThat(
                  signed.submit("b@bench.test", "b-pw", "b@bench.test", "x@remote.test", subject))
              .isEqualTo(250);
          if (keys.verify(remote.await(subject, Duration.ofSeconds(30)).data())
              .contains("bench.test/" + next)) {
            break;
          }
          subject = subject + "+";
        }
        firstSignedMs[i] = (System.nanoTime() - t0) / 1e6;
      }
      System.out.printf(
          "DKIM rotation on the host (n=%d): publish of activate+retire -> map names the new"
              + " selector: median %.1f ms, max %.1f ms; -> first message verified with it: median"
              + " %.1f ms (includes one submission and delivery to the sink)%n",
          ROTATIONS, median(applyMs), max(applyMs), median(firstSignedMs));
    }
  }

  private static double perSecondConn(MailClients c) {
    long t0 = System.nanoTime();
    for (int i = 0; i < CONN_PER_ROUND; i++) {
      assertThat(c.submit("b@bench.test", "b-pw", "b@bench.test", "x@remote.test", "c" + i))
          .isEqualTo(250);
    }
    return CONN_PER_ROUND / ((System.nanoTime() - t0) / 1e9);
  }

  private static double perSecondReuse(MailClients c) throws Exception {
    try (SubmissionSession s = c.openSubmission("b@bench.test", "b-pw")) {
      long t0 = System.nanoTime();
      for (int i = 0; i < REUSE_PER_ROUND; i++) {
        assertThat(s.send("b@bench.test", "x@remote.test", "r" + i)).isEqualTo(250);
      }
      return REUSE_PER_ROUND / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * A second submissions service on another port, the same as 465 but without the milter (the last
   * {@code -o} wins), then {@code postfix reload}.
   */
  private static int addSubmissionsWithoutMilter(RunningMailHost host) throws Exception {
    int port = FreePorts.one();
    Path master = Path.of(host.settings.layout().postfixConfigDir().value(), "master.cf");
    List<String> lines = Files.readAllLines(master);
    String service = "127.0.0.1:" + host.settings.ports().submissions() + " inet";
    List<String> copy = new ArrayList<>();
    boolean in = false;
    for (String l : lines) {
      if (l.startsWith(service)) {
        in = true;
        copy.add(l.replace(":" + host.settings.ports().submissions() + " ", ":" + port + " "));
      } else if (in && l.startsWith(" ")) {
        copy.add(l);
      } else {
        in = false;
      }
    }
    copy.add("  -o smtpd_milters=");
    List<String> all = new ArrayList<>(lines);
    all.addAll(copy);
    Files.write(master, all);
    Path log = Path.of(host.settings.layout().logDir().value(), "bench-commands.log");
    Command.check(
        List.of("postfix", "-c", host.settings.layout().postfixConfigDir().value(), "reload"),
        log,
        Duration.ofSeconds(30));
    for (int i = 0; i < 200; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return port;
      } catch (java.io.IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("the second submissions service did not come up");
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
