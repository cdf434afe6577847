package dev.poststack.provisioner.app;

import dev.poststack.provisioner.audit.KafkaPosition;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Counts outcomes ({@code poststack_provisioner_events_total{type,outcome,code}}). */
@Component
class OutcomeMetrics implements OutcomeObserver {
  private final MeterRegistry registry;

  OutcomeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void committed(RecordOutcome outcome, KafkaPosition position) {
    registry
        .counter(
            "poststack.provisioner.events",
            "type",
            outcome.type().eventName(),
            "outcome",
            outcome.result().name().toLowerCase(Locale.ROOT),
            "code",
            outcome.rejectionCode() == null ? "none" : outcome.rejectionCode())
        .increment();
  }
}
