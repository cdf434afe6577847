package dev.poststack.api.support;

import dev.poststack.testing.LoopbackDnsServer;

/**
 * The one loopback name server the API test contexts ask (through the real resolver): names
 * starting with {@link PipelineConfig#MX_OK_PREFIX} have their MX at the test mail host, anything
 * else a test publishes itself.
 */
public final class SharedDns {
  public static final String MAIL_HOSTNAME = "mail.poststack.local";
  private static final LoopbackDnsServer SERVER =
      LoopbackDnsServer.start().mxForNamesStartingWith(PipelineConfig.MX_OK_PREFIX, MAIL_HOSTNAME);

  private SharedDns() {}

  public static LoopbackDnsServer get() {
    return SERVER;
  }
}
