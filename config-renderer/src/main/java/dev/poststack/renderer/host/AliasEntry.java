package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import java.util.List;

/** Mail to {@code address} is delivered to {@code target} ({@code virtual_alias_maps}). */
public record AliasEntry(EmailAddress address, EmailAddress target) implements HostEntry {

  public AliasEntry {
    if (address == null || target == null) {
      throw new InvalidValueException("alias", "address and target are required");
    }
    if (address.equals(target)) {
      // Postfix would expand it forever (until its loop limit) instead of delivering
      throw new InvalidValueException("target", "must differ from the alias address");
    }
  }

  @Override
  public EntryKey key() {
    return EntryKey.of(EntryKind.ALIAS, address);
  }

  @Override
  public List<Object> columnValues() {
    return List.of(address.value(), target.value());
  }
}
