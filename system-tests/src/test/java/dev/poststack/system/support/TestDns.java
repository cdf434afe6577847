package dev.poststack.system.support;

import dev.poststack.testing.LoopbackDnsServer;

/**
 * DNS as the tests need it: a real name server on loopback, which the API asks through {@code
 * poststack.dns.servers}; every domain's MX is the test mail host, so {@code POST
 * /domains/:id/verify} finds it through the REST API as it would once a customer set the record.
 */
public final class TestDns {
  private static final LoopbackDnsServer SERVER =
      LoopbackDnsServer.start().mxForNamesStartingWith("", SystemStack.MAIL_HOSTNAME);

  private TestDns() {}

  public static LoopbackDnsServer server() {
    return SERVER;
  }
}
