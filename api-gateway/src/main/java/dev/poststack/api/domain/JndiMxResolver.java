package dev.poststack.api.domain;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.springframework.stereotype.Component;

/** The JDK's DNS provider, asking the system's resolvers; no extra library needed. */
@Component
class JndiMxResolver implements MxResolver {

  @Override
  public List<String> mxHosts(String domainName) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
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
      throw new IllegalStateException(
          "DNS lookup of " + domainName + " failed: " + e.getMessage(), e);
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
