package dev.poststack.provisioner.replay;

import java.util.List;

/**
 * The host entries the state of this context's database renders to, as their canonical lines
 * (config-renderer's {@code EntryCodec}): what {@code admin hosts repair} renders, implemented in
 * {@code app} from {@code host}, which this package may not use.
 */
public interface HostEntrySource {

  /** Every entry's line, sorted by key. */
  List<String> lines();
}
