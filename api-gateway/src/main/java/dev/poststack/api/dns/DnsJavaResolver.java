package dev.poststack.api.dns;

import dev.poststack.api.platform.ApiProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * dnsjava, asking the servers of {@code poststack.dns.servers} (none: the system's) directly, with
 * no cache: a verification must see what is published now. Each try asks every server in turn and
 * waits {@code query-timeout} × 2^try for each (1, 2, 4 …), for {@code query-retries} tries, as the
 * JDK resolver it replaced did; a truncated UDP answer is asked again over TCP (long TXT records).
 */
@Component
public class DnsJavaResolver implements DnsResolver {
  private final List<InetSocketAddress> servers;
  private final Duration queryTimeout;
  private final int tries;

  @Autowired
  DnsJavaResolver(ApiProperties properties) {
    this(
        properties.dns().servers(),
        properties.dns().queryTimeout(),
        properties.dns().queryRetries());
  }

  public DnsJavaResolver(List<String> servers, Duration queryTimeout, int queryRetries) {
    List<InetSocketAddress> configured =
        servers.stream().map(String::trim).filter(s -> !s.isEmpty()).map(this::address).toList();
    this.servers = configured.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : configured;
    this.queryTimeout = queryTimeout.isZero() ? Duration.ofMillis(1) : queryTimeout;
    this.tries = Math.max(1, queryRetries);
  }

  @Override
  public List<String> mx(String name) {
    return lookup(
        name,
        Type.MX,
        r -> {
          String host = ((MXRecord) r).getTarget().toString(true).toLowerCase(Locale.ROOT);
          return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        });
  }

  @Override
  public List<String> txt(String name) {
    return lookup(name, Type.TXT, r -> String.join("", ((TXTRecord) r).getStrings()));
  }

  private List<String> lookup(String name, int type, Function<Record, String> value) {
    Name query = name(name);
    Message request = Message.newQuery(Record.newRecord(query, type, DClass.IN));
    Exception last = null;
    for (int attempt = 0; attempt < tries; attempt++) {
      Duration wait = queryTimeout.multipliedBy(1L << Math.min(attempt, 16));
      for (InetSocketAddress server : servers) {
        try {
          Message response = resolver(server, wait).send(request);
          int rcode = response.getRcode();
          if (rcode == Rcode.NXDOMAIN) {
            return List.of();
          }
          if (rcode != Rcode.NOERROR) {
            // SERVFAIL, REFUSED …: this server has no answer; another may
            last = new IOException(Rcode.string(rcode) + " from " + server);
            continue;
          }
          List<String> out = new ArrayList<>();
          for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type) {
              out.add(value.apply(r));
            }
          }
          return out;
        } catch (IOException e) {
          last = e;
        }
      }
    }
    throw new LookupFailed(
        "DNS lookup of "
            + name
            + " ("
            + Type.string(type)
            + ") failed: "
            + (last == null ? "no name server" : last.getMessage()),
        last);
  }

  private static SimpleResolver resolver(InetSocketAddress server, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(timeout);
    return resolver;
  }

  private static Name name(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
  }

  /** {@code host}, {@code host:port} or {@code [v6]:port}; port 53 unless given. */
  private InetSocketAddress address(String server) {
    String host = server;
    int port = 53;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      host = server.substring(1, close);
      if (server.length() > close + 2 && server.charAt(close + 1) == ':') {
        port = Integer.parseInt(server.substring(close + 2));
      }
    } else if (server.indexOf(':') > 0 && server.indexOf(':') == server.lastIndexOf(':')) {
      host = server.substring(0, server.indexOf(':'));
      port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
    }
    return new InetSocketAddress(host, port);
  }
}
