package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.mailbox.MailboxQueries;
import dev.poststack.provisioner.host.PropagationQuery;
import org.junit.jupiter.api.Test;

/**
 * The API shows propagation with its own copy of the provisioner's statement (it does not depend on
 * the provisioner); this is where a change to one without the other fails.
 */
class PropagationSqlTest {
  @Test
  void apiRunsExactlyTheProvisionersPropagationStatement() {
    assertThat(MailboxQueries.PROPAGATION_SQL).isEqualTo(PropagationQuery.MAILBOX_SQL);
  }
}
