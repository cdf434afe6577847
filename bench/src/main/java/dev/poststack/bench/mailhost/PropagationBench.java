package dev.poststack.bench.mailhost;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.pipeline.ApiClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API answer → first successful IMAPS login on the mail host, for new mailboxes and for new
 * passwords, with a bare IMAPS login (an existing mailbox) measured between the trials.
 *
 * <p>With the host's store known (the mail-host bench), a trial waits from the API's answer until
 * the agent committed the row, then logs in once: the figure can never beat a bare login. Without
 * it (the cluster bench, three hosts), the poll starts the moment the API answered: a new connect +
 * TLS + LOGIN every {@value #INTERVAL_MS} ms, each from its own source address, at most {@value
 * #MAX_IN_FLIGHT} at once. Dovecot answers a refused login only after its failure delay (2 s), so
 * an attempt whose LOGIN got no answer in {@value #ABANDON_MS} ms is abandoned as a refusal; a
 * success answers in milliseconds. The figure is the time from the API's answer to the tagged OK of
 * the first attempt that succeeded.
 */
final class PropagationBench implements AutoCloseable {
  static final int INTERVAL_MS = 10;
  static final int ABANDON_MS = 500;
  static final int MAX_IN_FLIGHT = 48;
  static final long TRIAL_TIMEOUT_MS = 10_000;

  /** One mailbox the bench created, with its current password. */
  record Created(long id, String address, String password) {}

  private final ApiClient api;
  private final ImapLogin imap;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "imap-poll");
            t.setDaemon(true);
            return t;
          });
  private final SplittableRandom random = new SplittableRandom(7);
  final Latencies bare = new Latencies();
  final AtomicInteger bareFailures = new AtomicInteger();
  final AtomicInteger timeouts = new AtomicInteger();
  final AtomicInteger pollErrors = new AtomicInteger();
  final AtomicLong attempts = new AtomicLong();

  /**
   * Where the host keeps its store: set, each trial waits for the agent's commit, then logs in
   * once.
   */
  private final Path store;

  final Latencies commits = new Latencies();

  PropagationBench(ApiClient api, ImapLogin imap) {
    this(api, imap, null);
  }

  /**
   * The honest form of the figure: from the API's answer, wait (reading the host's store, 0.5 ms
   * apart) until the agent committed the row, then one serial IMAPS login; the trial's figure is
   * that login's tagged OK. No overlapping attempts, so it can never beat a bare login.
   */
  PropagationBench(ApiClient api, ImapLogin imap, Path store) {
    this.api = api;
    this.imap = imap;
    this.store = store;
    commits.start();
  }

  /** Answer → commit → one login, or the overlapping poll when no store is known. */
  private long loginAfter(String user, String password, String oldHash, long from)
      throws Exception {
    if (store == null) {
      return firstLogin(user, password, from);
    }
    long deadline = from + TRIAL_TIMEOUT_MS * 1_000_000;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        PreparedStatement q =
            c.prepareStatement("select password from mailboxes where address = ?")) {
      q.setString(1, user);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals(oldHash)) {
            break;
          }
        }
        java.util.concurrent.locks.LockSupport.parkNanos(500_000);
      }
    }
    long committed = System.nanoTime();
    if (committed >= deadline) {
      timeouts.incrementAndGet();
      return -1;
    }
    commits.record(committed - from);
    ImapLogin.Attempt a = imap.login(user, password, false);
    if (a.outcome() != ImapLogin.Outcome.OK) {
      pollErrors.incrementAndGet();
      return -1;
    }
    return a.okNanos();
  }

  private String hashOf(String user) throws Exception {
    if (store == null) {
      return null;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        PreparedStatement q =
            c.prepareStatement("select password from mailboxes where address = ?")) {
      q.setString(1, user);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  /**
   * Creates {@code n} mailboxes one after another; each time: 201 → first login, then one bare
   * login.
   */
  List<Created> creates(
      long domainId, String domain, String prefix, int n, Latencies latencies, long maxMillis)
      throws Exception {
    List<Created> created = new ArrayList<>();
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    latencies.start();
    for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
      String local = prefix + i;
      String password = "bench-pw-" + local;
      long id = api.createMailbox(domainId, local, password);
      long answered = System.nanoTime();
      Created c = new Created(id, local + "@" + domain, password);
      long ok = loginAfter(c.address(), password, "", answered);
      if (ok > 0) {
        latencies.record(ok - answered);
        created.add(c);
      }
      bareLogin(created);
      progress("creates", i + 1, n);
    }
    latencies.stop();
    return created;
  }

  /**
   * Changes each mailbox's password in turn; each time: 200 → first login with the new one, then
   * one bare login.
   */
  void passwordChanges(List<Created> mailboxes, Latencies latencies, long maxMillis)
      throws Exception {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    latencies.start();
    for (int i = 0; i < mailboxes.size() && System.nanoTime() < deadline; i++) {
      Created old = mailboxes.get(i);
      String password = old.password() + "-2";
      String oldHash = hashOf(old.address());
      api.changePassword(old.id(), password);
      long answered = System.nanoTime();
      Created now = new Created(old.id(), old.address(), password);
      long ok = loginAfter(now.address(), password, oldHash, answered);
      if (ok > 0) {
        latencies.record(ok - answered);
      }
      mailboxes.set(i, now);
      bareLogin(mailboxes.subList(0, i + 1));
      progress("password changes", i + 1, mailboxes.size());
    }
    latencies.stop();
  }

  private static void progress(String what, int done, int of) {
    if (done % 50 == 0 || done == of) {
      System.out.printf("  [mailhost] %s: %d / %d%n", what, done, of);
    }
  }

  /** connect + TLS + LOGIN of an existing mailbox, from the start of connect to the tagged OK. */
  private void bareLogin(List<Created> existing) {
    if (existing.isEmpty()) {
      return;
    }
    Created c = existing.get(random.nextInt(existing.size()));
    long t = System.nanoTime();
    ImapLogin.Attempt a = imap.login(c.address(), c.password(), false);
    if (a.outcome() == ImapLogin.Outcome.OK) {
      bare.record(a.okNanos() - t);
    } else {
      bareFailures.incrementAndGet();
      System.out.println("  [mailhost] bare login of " + c.address() + " failed: " + a.detail());
    }
  }

  /** The nanoTime of the first tagged OK, or -1 when none came within the trial timeout. */
  long firstLogin(String user, String password, long from) throws InterruptedException {
    Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    Set<Socket> live = ConcurrentHashMap.newKeySet();
    AtomicLong firstOk = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    long deadline = from + TRIAL_TIMEOUT_MS * 1_000_000;
    long next = from;
    try {
      while (done.getCount() > 0 && System.nanoTime() < deadline) {
        if (System.nanoTime() >= next && slots.tryAcquire()) {
          Socket socket;
          try {
            socket = imap.newSocket();
          } catch (IOException e) {
            slots.release();
            pollErrors.incrementAndGet();
            continue;
          }
          live.add(socket);
          attempts.incrementAndGet();
          pool.execute(
              () -> {
                try {
                  ImapLogin.Attempt a = imap.login(socket, user, password, ABANDON_MS, false);
                  if (a.outcome() == ImapLogin.Outcome.OK) {
                    firstOk.compareAndSet(0, a.okNanos());
                    done.countDown();
                  } else if (a.outcome() == ImapLogin.Outcome.ERROR && done.getCount() > 0) {
                    pollErrors.incrementAndGet();
                  }
                } finally {
                  live.remove(socket);
                  slots.release();
                }
              });
          next += TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
        }
        long wait = Math.max(100_000, next - System.nanoTime());
        done.await(
            Math.min(wait, TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS)), TimeUnit.NANOSECONDS);
      }
    } finally {
      // the rest were going to be refused (or succeed later); end them so Dovecot's login slots
      // free up
      for (Socket s : live) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing only
        }
      }
    }
    if (done.getCount() > 0) {
      timeouts.incrementAndGet();
      System.out.println(
          "  [mailhost] no login for " + user + " within " + TRIAL_TIMEOUT_MS + " ms");
      return -1;
    }
    return firstOk.get();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
