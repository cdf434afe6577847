package dev.poststack.provisioner.app;

import dev.poststack.provisioner.host.HostEntriesRepair;
import dev.poststack.provisioner.replay.HostEntrySource;
import dev.poststack.renderer.host.EntryCodec;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** The replay's view of the host entries: the repair's render of the whole state. */
@Component
class ReplayHostEntries implements HostEntrySource {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final HostEntriesRepair repair;

  ReplayHostEntries(HostEntriesRepair repair) {
    this.repair = repair;
  }

  @Override
  public List<String> lines() {
    return repair.render().block(TIMEOUT).stream().map(EntryCodec::line).toList();
  }
}
