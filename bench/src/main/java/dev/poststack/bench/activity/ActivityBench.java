package dev.poststack.bench.activity;

import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.bench.mailhost.ImapLogin;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.InstanceName;
import dev.poststack.renderer.hostconfig.Ports;
import dev.poststack.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.Crypt;

/**
 * What recording activity costs a mail host: two hosts of the same build in the same run, one with
 * Dovecot's recording (last_login + quota_clone → dict-sql activity store, the SMTP AUTH recorder
 * passdb, mail_log in LMTP) and one without ({@code HostSettings.withActivityRecording(false)}),
 * measured in alternating rounds (on/off, then off/on) with the same user sequence. A round's ratio
 * is on ÷ off throughput; the figure is the median of the rounds' ratios. The agent's forwarding is
 * not running: it is off the login and delivery path by design, and its rows are upserts in place,
 * so the store stays one row per user and service.
 */
public final class ActivityBench {
  private static final String DOMAIN = "bench.test";
  private static final String PASSWORD = "bench-activity-pw";

  private ActivityBench() {}

  record Host(String name, HostSettings settings, MailHost mail, Path base) {}

  public static void run() throws Exception {
    int users = Integer.getInteger("bench.activity.users", 1000);
    int rounds = Integer.getInteger("bench.activity.rounds", 5);
    int logins1 = Integer.getInteger("bench.activity.logins1", 200);
    int logins4 = Integer.getInteger("bench.activity.logins4", 400);
    int deliveries1 = Integer.getInteger("bench.activity.deliveries1", 1500);
    int deliveries4 = Integer.getInteger("bench.activity.deliveries4", 3000);
    List<Host> hosts = new ArrayList<>();
    try {
      for (boolean on : new boolean[] {true, false}) {
        System.out.printf("[activity] starting the host with recording %s%n", on ? "on" : "off");
        hosts.add(start(on ? "on" : "off", on, users));
      }
      List<Series> series =
          List.of(
              new Series("IMAPS logins/s, 1 client", 1, logins1, true),
              new Series("IMAPS logins/s, 4 clients", 4, logins4, true),
              new Series("LMTP deliveries/s, 1 client", 1, deliveries1, false),
              new Series("LMTP deliveries/s, 4 clients", 4, deliveries4, false));
      for (Host h : hosts) { // warm-up: every user's Maildir exists before any round
        run(h, new Series("warm-up", 4, users, true), users, new Random(0), true);
      }
      for (int r = 0; r < rounds; r++) {
        List<Host> order = r % 2 == 0 ? hosts : List.of(hosts.get(1), hosts.get(0));
        for (Series s : series) {
          for (Host h : order) {
            double rate = run(h, s, users, new Random(1000L * r + s.name().hashCode()), false);
            s.add(h.name(), rate);
          }
        }
        System.out.printf("[activity] round %d/%d done (load %.1f)%n", r + 1, rounds, load());
      }
      System.out.println();
      System.out.println(
          "| figure | recording on (median) | recording off (median) | on/off, median of paired"
              + " rounds (min–max) |");
      System.out.println("|---|---|---|---|");
      for (Series s : series) {
        System.out.println(s.row());
      }
    } finally {
      for (Host h : hosts) {
        h.mail().close();
        deleteTree(h.base());
      }
    }
  }

  private static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static Host start(String name, boolean recording, int users) throws IOException {
    Path base = Files.createTempDirectory("poststack-bench-activity-" + name);
    int[] p = FreePorts.distinct(4);
    HostSettings s =
        HostSettings.of("mail." + name + ".bench.test", base.toString())
            .withPorts(new Ports(p[0], p[1], p[2], p[3]))
            .withInstanceName(new InstanceName("bench-act-" + name))
            .withOutboundDelivery(false)
            .withActivityRecording(recording);
    Files.createDirectories(Path.of(s.storePath().value()).getParent());
    fill(Path.of(s.storePath().value()), users);
    return new Host(name, s, MailHost.start(s), base);
  }

  /** The same domain and users on both hosts, through the agent's own store code. */
  private static void fill(Path store, int users) {
    String hash = "{SHA512-CRYPT}" + Crypt.crypt(PASSWORD, "$6$benchact");
    List<EntryRecord> burst = new ArrayList<>();
    long offset = 0;
    burst.add(record(offset++, HostEntries.changesOf(HostDomain.of(1, DOMAIN, true))));
    for (int i = 0; i < users; i++) {
      burst.add(
          record(
              offset++,
              HostEntries.changesOf(
                  HostMailbox.of(1000 + i, DOMAIN, "u" + i, hash, "active", 1L << 30), List.of())));
    }
    try (LocalHostStore s = LocalHostStore.open(store, Durability.FULL)) {
      new Reconciler(s, "bench.activity").apply(burst);
    }
  }

  private static EntryRecord record(long offset, List<EntryChange> changes) {
    EntryChange.Put put = (EntryChange.Put) changes.get(0);
    return new EntryRecord(0, offset, put.key().value(), put.entry().line());
  }

  /** {@code s.count()} operations by {@code s.clients()} clients; returns operations per second. */
  private static double run(Host h, Series s, int users, Random random, boolean warmUp)
      throws Exception {
    List<String> sequence = new ArrayList<>();
    for (int i = 0; i < s.count(); i++) {
      sequence.add("u" + (warmUp ? i % users : random.nextInt(users)) + "@" + DOMAIN);
    }
    ImapLogin imap =
        new ImapLogin(Path.of(h.settings().tlsCertPath().value()), h.settings().ports().imaps());
    Path lmtp = Path.of(h.settings().layout().dovecotRunDir().value(), "lmtp");
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(s.clients());
    long t0 = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < s.clients(); c++) {
      done.add(
          pool.submit(
              () -> {
                int i;
                if (s.logins()) {
                  while ((i = next.getAndIncrement()) < sequence.size()) {
                    if (imap.login(sequence.get(i), PASSWORD, true).outcome()
                        != ImapLogin.Outcome.OK) {
                      failures.incrementAndGet();
                    }
                  }
                } else {
                  while ((i = next.getAndAdd(10)) < sequence.size()) {
                    try {
                      LmtpDelivery.deliver(
                          lmtp, sequence.subList(i, Math.min(i + 10, sequence.size())));
                    } catch (IOException e) {
                      failures.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    if (failures.get() > 0) {
      throw new IllegalStateException(s.name() + " on " + h.name() + ": " + failures + " failed");
    }
    return s.count() / seconds;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a scratch directory
    }
  }
}
