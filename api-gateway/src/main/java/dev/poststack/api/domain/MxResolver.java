package dev.poststack.api.domain;

import java.util.List;

/** Looks up a domain's MX hosts (lower case, no trailing dot); empty when it has none. Blocking. */
public interface MxResolver {
  List<String> mxHosts(String domainName);
}
