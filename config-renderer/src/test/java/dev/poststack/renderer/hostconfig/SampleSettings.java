package dev.poststack.renderer.hostconfig;

/** The two shapes a host takes: a loopback dev instance and a production host on standard ports. */
final class SampleSettings {
  private SampleSettings() {}

  static HostSettings dev() {
    return HostSettings.of("mail.poststack.test", "/var/lib/poststack/dev")
        .withInstanceName(new InstanceName("poststack-dev"))
        .withPorts(Ports.DEV)
        .withOutboundDelivery(false);
  }

  static HostSettings production() {
    return HostSettings.of("mx1.example.net", "/srv/poststack/host")
        .withListenAddress(ListenAddress.ANY)
        .withVmailOwner(5000, 5001)
        .withPaths(
            new AbsolutePath("/var/vmail"),
            new AbsolutePath("/var/lib/poststack/store/mail.sqlite"),
            new AbsolutePath("/etc/poststack/tls/fullchain.pem"),
            new AbsolutePath("/etc/poststack/tls/privkey.pem"));
  }
}
