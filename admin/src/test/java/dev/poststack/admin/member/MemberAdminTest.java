package dev.poststack.admin.member;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.controlplane.member.MemberPasswords;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberAdminTest {

  @Test
  void generatedPasswordsAreTwentyBase62CharactersTheMemberRulesAcceptAndNeverRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String p = MemberAdmin.generatePassword();
      assertThat(p).hasSize(20).matches("[0-9A-Za-z]{20}");
      assertThat(MemberPasswords.problem(p)).isNull();
      seen.add(p);
    }
    assertThat(seen).hasSize(1000);
  }
}
