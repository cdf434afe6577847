package dev.poststack.api.domain;

import dev.poststack.api.platform.ApiProperties;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The JDK's DNS provider, no extra library needed: the system's resolvers, or the servers of {@code
 * poststack.dns.servers}. A server that drops queries costs {@code query-timeout} × (1 + 2 + 4 …)
 * for {@code query-retries} tries, on one thread of the DNS pool.
 */
@Component
class JndiMxResolver implements MxResolver {
  private final String providerUrl;
  private final long queryTimeoutMillis;
  private final int queryRetries;

  @Autowired
  JndiMxResolver(ApiProperties properties) {
    this(
        properties.dns().servers(),
        properties.dns().queryTimeout().toMillis(),
        properties.dns().queryRetries());
  }

  JndiMxResolver(List<String> servers, long queryTimeoutMillis, int queryRetries) {
    // "dns://host:port dns://host2": JNDI asks them in order; none = the system's resolvers
    this.providerUrl =
        servers.stream().map(s -> "dns://" + s.trim()).collect(Collectors.joining(" "));
    this.queryTimeoutMillis = Math.max(1, queryTimeoutMillis);
    this.queryRetries = Math.max(1, queryRetries);
  }

  @Override
  public List<String> mxHosts(String domainName) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(queryTimeoutMillis));
    env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(queryRetries));
    if (!providerUrl.isEmpty()) {
      env.put(Context.PROVIDER_URL, providerUrl);
    }
    DirContext context = null;
    try {
      context = new InitialDirContext(env);
      Attribute mx = context.getAttributes(domainName, new String[] {"MX"}).get("MX");
      List<String> hosts = new ArrayList<>();
      if (mx != null) {
        NamingEnumeration<?> values = mx.getAll();
        while (values.hasMore()) {
          String[] parts = values.next().toString().trim().split("\\s+");
          String host = parts[parts.length - 1].toLowerCase(Locale.ROOT);
          hosts.add(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
        }
      }
      return hosts;
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      throw new LookupFailed("DNS lookup of " + domainName + " failed: " + e.getMessage(), e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException ignored) {
          // nothing held open worth reporting
        }
      }
    }
  }
}
