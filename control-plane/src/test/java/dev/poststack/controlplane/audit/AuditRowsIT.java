package dev.poststack.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditRowsIT {
  private static TestDatabase db;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void aPasswordHashOrSecretFieldIsOnlyEverChangedWhateverTheRowHolds() throws Exception {
    assertThat(
            masked(
                "{\"password\": {\"from\": \"{SHA512-CRYPT}$6$a$b\", \"to\": \"$6$c$d\"},"
                    + " \"passwordHash\": \"$6$x\", \"signingSecret\": \"whsec_1\","
                    + " \"displayName\": {\"from\": \"A\", \"to\": null}}"))
        .isEqualTo(
            "{\"password\": \"changed\", \"displayName\": {\"to\": null, \"from\": \"A\"},"
                + " \"passwordHash\": \"changed\", \"signingSecret\": \"changed\"}");
  }

  @Test
  void noChangesStayNoChanges() throws Exception {
    assertThat(masked("{}")).isEqualTo("{}");
    assertThat(masked(null)).isNull();
  }

  private static String masked(String changes) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select " + AuditRows.MASKED_CHANGES + " from (select ?::jsonb as changes) e")) {
      ps.setString(1, changes);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
