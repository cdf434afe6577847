package dev.poststack.bench.mailhost;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Report;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code bench/run cluster}: API 201 → the new mailbox's IMAPS login accepted on every host of
 * {@code dev --mail-hosts 3} (each host polled on its own address from the API's answer on, as
 * {@link PropagationBench} polls one), beside the same figure on a single-host dev stack started in
 * the same run, one create at a time.
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void run() throws Exception {
    int creates = Integer.getInteger("bench.cluster.creates", 100);
    int hosts = Integer.getInteger("bench.cluster.hosts", 3);
    Report report = new Report();
    List<String> loads = new ArrayList<>(List.of(MailHostBench.loadAverage()));
    Path checkout = Path.of("").toAbsolutePath();

    System.out.println("[cluster 1/2] single host: bin/poststack dev, " + creates + " creates");
    Latencies.Result single;
    Latencies.Result bare;
    try (DevStackProcess dev = DevStackProcess.startWithMailHost(checkout)) {
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      long domainId = api.domainId("example.test");
      ImapLogin imap = new ImapLogin(dev.mailHostCertificate(), dev.mailHost().imaps());
      try (PropagationBench prop = new PropagationBench(api, imap)) {
        prop.creates(domainId, "example.test", "warm", 10, new Latencies(), 60_000);
        Latencies created = new Latencies();
        prop.creates(domainId, "example.test", "one", creates, created, 600_000);
        single = created.result();
        bare = prop.bare.result();
      }
    }
    loads.add(MailHostBench.loadAverage());

    System.out.println(
        "[cluster 2/2] bin/poststack dev --mail-hosts " + hosts + ", " + creates + " creates");
    Latencies first = new Latencies();
    Latencies all = new Latencies();
    List<Latencies> perHost = new ArrayList<>();
    int missed = 0;
    double ready;
    try (DevStackProcess dev = DevStackProcess.startWithMailHosts(checkout, hosts)) {
      ready = dev.secondsToReady();
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      long domainId = api.domainId("example.test");
      List<PropagationBench> polls = new ArrayList<>();
      for (int n = 1; n <= hosts; n++) {
        InetAddress address = InetAddress.getByName("127.0.1." + n);
        polls.add(
            new PropagationBench(
                api,
                new ImapLogin(dev.clusterHostCertificate(n), address, dev.mailHost().imaps())));
        perHost.add(new Latencies());
      }
      ExecutorService pool = Executors.newFixedThreadPool(hosts);
      try {
        for (Latencies l : List.of(first, all)) {
          l.start();
        }
        perHost.forEach(Latencies::start);
        for (int i = 0; i < creates + 10; i++) {
          String local = "cl" + i;
          String password = "bench-pw-" + local;
          api.createMailbox(domainId, local, password);
          long answered = System.nanoTime();
          List<CompletableFuture<Long>> ok = new ArrayList<>();
          for (PropagationBench p : polls) {
            ok.add(
                CompletableFuture.supplyAsync(
                    () -> login(p, local + "@example.test", password, answered), pool));
          }
          List<Long> at = ok.stream().map(CompletableFuture::join).toList();
          if (i < 10) {
            continue; // warm-up, not a figure
          }
          if (at.contains(-1L)) {
            missed++;
            continue;
          }
          for (int h = 0; h < hosts; h++) {
            perHost.get(h).record(at.get(h) - answered);
          }
          first.record(at.stream().mapToLong(Long::longValue).min().orElseThrow() - answered);
          all.record(at.stream().mapToLong(Long::longValue).max().orElseThrow() - answered);
          if ((i - 9) % 25 == 0) {
            System.out.printf("  [cluster] creates: %d / %d%n", i - 9, creates);
          }
        }
        for (Latencies l : List.of(first, all)) {
          l.stop();
        }
        perHost.forEach(Latencies::stop);
      } finally {
        pool.shutdownNow();
        polls.forEach(PropagationBench::close);
      }
    }
    loads.add(MailHostBench.loadAverage());

    var f = first.result();
    var a = all.result();
    report.add("bare IMAPS login (single host, existing mailbox)", ms(bare));
    report.add("single host: API 201 → first successful IMAPS login", ms(single));
    report.add(
        String.format("%d hosts: bin/poststack dev spawn → ready", hosts),
        String.format("%.1f s", ready));
    report.add(hosts + " hosts: API 201 → IMAPS login on the first host", ms(f));
    report.add(hosts + " hosts: API 201 → IMAPS login on all " + hosts + " hosts", ms(a));
    for (int h = 0; h < hosts; h++) {
      report.add("  mh-" + (h + 1) + " (127.0.1." + (h + 1) + ")", ms(perHost.get(h).result()));
    }
    report.add("trials with a host that never accepted the login (10 s)", Integer.toString(missed));
    report.add(
        "ratio: all " + hosts + " hosts p50 / single host p50",
        String.format("%.2f", a.p50Ms() / single.p50Ms()));
    report.add(
        "ratio: all " + hosts + " hosts p99 / single host p99",
        String.format("%.2f", a.p99Ms() / single.p99Ms()));
    report.add(
        "machine load average (1 min) at start and after each part", String.join(", ", loads));
    report.print();
  }

  private static long login(PropagationBench p, String user, String password, long from) {
    try {
      return p.firstLogin(user, password, from);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String ms(Latencies.Result r) {
    return String.format("p50 %.1f ms, p99 %.1f ms (n=%d)", r.p50Ms(), r.p99Ms(), r.count());
  }
}
