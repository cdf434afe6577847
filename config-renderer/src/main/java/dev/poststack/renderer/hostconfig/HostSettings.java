package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import java.util.List;

/**
 * What differs between mail hosts; everything else in the base configuration is fixed here.
 *
 * @param baseDir the private instance's root: {@code etc/}, {@code run/}, {@code lib/}, {@code
 *     log/} and {@code spool/} live below it (see {@link HostLayout})
 * @param mailRoot where homes {@code <domain>/<mailboxId>} live, owned by {@code vmailUid}
 * @param storePath the host store (SQLite) the daemons read
 * @param outboundDelivery false on dev and test hosts: mail to other domains is refused instead of
 *     sent to the internet
 * @param ownHosts the platform's mail hosts, trusted on port 25 to send as a hosted domain
 * @param routes fixed next hops for some domains (a test's "remote" domain), used even when
 *     outbound delivery is off
 * @param activityRecording Dovecot records logins, usage and deliveries for the agent to forward
 *     (on by default; off only to measure what the recording costs)
 */
public record HostSettings(
    DomainName hostname,
    InstanceName instanceName,
    AbsolutePath baseDir,
    ListenAddress listenAddress,
    Ports ports,
    int vmailUid,
    int vmailGid,
    AbsolutePath mailRoot,
    AbsolutePath storePath,
    AbsolutePath tlsCertPath,
    AbsolutePath tlsKeyPath,
    boolean outboundDelivery,
    List<ListenAddress> ownHosts,
    List<Route> routes,
    boolean activityRecording) {

  public HostSettings {
    if (hostname == null
        || instanceName == null
        || baseDir == null
        || listenAddress == null
        || ports == null
        || mailRoot == null
        || storePath == null
        || tlsCertPath == null
        || tlsKeyPath == null) {
      throw new InvalidValueException("settings", "every setting is required");
    }
    if (ownHosts == null
        || routes == null
        || ownHosts.stream().anyMatch(java.util.Objects::isNull)
        || routes.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidValueException("settings", "every setting is required");
    }
    ownHosts = List.copyOf(ownHosts);
    routes = List.copyOf(routes);
    if (routes.stream().map(Route::domain).distinct().count() != routes.size()) {
      throw new InvalidValueException("routes", "one route per domain");
    }
    checkId("vmailUid", vmailUid);
    checkId("vmailGid", vmailGid);
  }

  /** Defaults that follow from the base directory; {@code with…} methods change one setting. */
  public static HostSettings of(String hostname, String baseDir) {
    AbsolutePath base = AbsolutePath.of("baseDir", baseDir);
    return new HostSettings(
        new DomainName(hostname),
        new InstanceName("poststack"),
        base,
        ListenAddress.LOOPBACK,
        Ports.STANDARD,
        5000,
        5000,
        base.resolve("mail"),
        base.resolve("db/mail.sqlite"),
        base.resolve("ssl/cert.pem"),
        base.resolve("ssl/key.pem"),
        true,
        List.of(),
        List.of(),
        true);
  }

  public HostSettings withPorts(Ports p) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        p,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        ownHosts,
        routes,
        activityRecording);
  }

  public HostSettings withListenAddress(ListenAddress l) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        l,
        ports,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        ownHosts,
        routes,
        activityRecording);
  }

  public HostSettings withInstanceName(InstanceName i) {
    return new HostSettings(
        hostname,
        i,
        baseDir,
        listenAddress,
        ports,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        ownHosts,
        routes,
        activityRecording);
  }

  public HostSettings withVmailOwner(int uid, int gid) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        ports,
        uid,
        gid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        ownHosts,
        routes,
        activityRecording);
  }

  public HostSettings withPaths(
      AbsolutePath mail, AbsolutePath store, AbsolutePath cert, AbsolutePath key) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        ports,
        vmailUid,
        vmailGid,
        mail,
        store,
        cert,
        key,
        outboundDelivery,
        ownHosts,
        routes,
        activityRecording);
  }

  public HostSettings withOutboundDelivery(boolean enabled) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        ports,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        enabled,
        ownHosts,
        routes,
        activityRecording);
  }

  /**
   * Addresses of the platform's own mail hosts: the only clients whose port-25 mail may claim a
   * hosted domain in its envelope sender (Postfix {@code mynetworks}).
   */
  public HostSettings withOwnHosts(List<ListenAddress> hosts) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        ports,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        hosts,
        routes,
        activityRecording);
  }

  /** Mail for these domains goes to a fixed next hop instead of their MX (Postfix transport). */
  public HostSettings withRoutes(List<Route> r) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        ports,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        ownHosts,
        r,
        activityRecording);
  }

  /** Whether Dovecot records activity; off only for the bench's baseline rounds. */
  public HostSettings withActivityRecording(boolean on) {
    return new HostSettings(
        hostname,
        instanceName,
        baseDir,
        listenAddress,
        ports,
        vmailUid,
        vmailGid,
        mailRoot,
        storePath,
        tlsCertPath,
        tlsKeyPath,
        outboundDelivery,
        ownHosts,
        routes,
        on);
  }

  public HostLayout layout() {
    return new HostLayout(this);
  }

  private static void checkId(String field, int id) {
    // 0 is root: mail processes must never run as it, and Dovecot refuses it anyway
    if (id < 1 || id > 2_000_000_000) {
      throw new InvalidValueException(field, "must be between 1 and 2000000000");
    }
  }
}
