package dev.poststack.agent.mailhost;

import dev.poststack.agent.daemon.Command;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.ListenAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A self-signed certificate for hosts given none (dev and test hosts); a given one is never
 * touched.
 */
final class SelfSignedCertificate {
  private SelfSignedCertificate() {}

  /**
   * A host listening on one address of its own (127.0.1.2 for the second host of a dev cluster) is
   * reached by that address: a client that checks the server's identity needs it in the
   * certificate.
   */
  private static String ownAddress(HostSettings s) {
    var listen = s.listenAddress();
    return listen.isAny() || listen.equals(ListenAddress.LOOPBACK) ? "" : ",IP:" + listen.value();
  }

  /** Creates cert and key when both are absent; returns whether it made them. */
  static boolean ensure(HostSettings s, Path log) {
    Path cert = Path.of(s.tlsCertPath().value());
    Path key = Path.of(s.tlsKeyPath().value());
    if (Files.exists(cert) && Files.exists(key)) {
      return false;
    }
    String name = s.hostname().value();
    Command.check(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "825",
            "-subj",
            "/CN=" + name,
            "-addext",
            "subjectAltName=DNS:" + name + ",DNS:localhost,IP:127.0.0.1" + ownAddress(s),
            "-keyout",
            key.toString(),
            "-out",
            cert.toString()),
        log,
        Duration.ofSeconds(60));
    try {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }
}
