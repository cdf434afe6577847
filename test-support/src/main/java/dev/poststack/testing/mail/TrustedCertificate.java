package dev.poststack.testing.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts exactly one certificate: a test mail host's self-signed one, nothing else. */
public final class TrustedCertificate {
  private TrustedCertificate() {}

  public static SSLSocketFactory socketFactory(Path certificatePem) {
    try (InputStream in = Files.newInputStream(certificatePem)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry(
          "mailhost", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust " + certificatePem + ": " + e.getMessage(), e);
    }
  }
}
