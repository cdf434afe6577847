package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import java.util.List;

/** A domain the host accepts mail for ({@code virtual_mailbox_domains}). */
public record DomainEntry(DomainName name) implements HostEntry {

  public DomainEntry {
    if (name == null) {
      throw new InvalidValueException("name", "is required");
    }
  }

  @Override
  public EntryKey key() {
    return EntryKey.of(name);
  }

  @Override
  public List<Object> columnValues() {
    return List.of(name.value());
  }
}
