package dev.poststack.api.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.mailbox.ImportPlan.AliasCreate;
import dev.poststack.api.mailbox.ImportPlan.AliasExists;
import dev.poststack.api.mailbox.ImportPlan.AliasRefused;
import dev.poststack.api.mailbox.ImportPlan.Compare;
import dev.poststack.api.mailbox.ImportPlan.Create;
import dev.poststack.api.mailbox.ImportPlan.Existing;
import dev.poststack.api.mailbox.ImportPlan.ExistingAlias;
import dev.poststack.api.mailbox.ImportPlan.Known;
import dev.poststack.api.mailbox.ImportPlan.Refused;
import dev.poststack.api.mailbox.ImportPlan.Step;
import dev.poststack.api.mailbox.ImportRows.Row;
import dev.poststack.api.problem.ApiException;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The import's row rules and decisions, without I/O. */
class ImportPlanTest {
  // what doveadm pw -s BLF-CRYPT / -s ARGON2ID -p secret printed on Debian's Dovecot 2.3
  static final String BLF =
      "{BLF-CRYPT}$2y$05$rd0NIy3N6In2GLhvByDKYu.Cp/8mR0vI0qQe3mT8IR2XlZAlGkwlG";
  static final String ARGON =
      "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$/FWPIERUUgm4kRjkrX7T5Q"
          + "$06HLoaA1YlMXS389cJ+70tYhrjz2jtX9XPweYTypiHw";

  private static final DomainRow SHOP = domain(7, "shop.example", "verified", true);
  private static final DomainRow PENDING = domain(8, "pending.example", "pending", true);

  private static DomainRow domain(long id, String name, String status, boolean inbound) {
    return new DomainRow(
        id,
        "dom_" + id,
        1,
        name,
        status,
        inbound,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        null,
        null,
        null,
        null);
  }

  private static List<Row> rows(String json) {
    return ImportRows.read(
        JsonBody.parseList(json.getBytes(StandardCharsets.UTF_8), false, "mailboxes", 10),
        PasswordSchemes.defaults());
  }

  private static List<Step> decide(
      String json, Map<String, Existing> mailboxes, Map<String, ExistingAlias> aliases) {
    return ImportPlan.decide(
        rows(json),
        new Known(Map.of(SHOP.name(), SHOP, PENDING.name(), PENDING), null, mailboxes, aliases));
  }

  @Test
  void eachRowIsReadOnItsOwnAndABadRowNamesItsFields() {
    List<Row> rows =
        rows(
            """
            [{"email":"Anna@Shop.Example","password":"correct horse battery"},
             {"email":"bob@shop.example","password":"short"},
             {"email":"carl@shop.example","password":"correct horse battery","passwordHash":"%s"},
             {"email":"dora@shop.example"},
             {"email":"eve@shop.example","passwordHash":"{PLAIN}hunter2"},
             {"email":"fay@shop.example","passwordHash":"%s","aliases":["fay@shop.example","x"]},
             {"email":"gil@shop.example","passwordHash":"%s","colour":"red"}]
            """
                .formatted(BLF, BLF, ARGON));

    assertThat(rows.get(0).wanted().address().value()).isEqualTo("anna@shop.example");
    assertThat(rows.get(1).refusal().errors()).extracting("field").containsExactly("password");
    assertThat(rows.get(2).refusal().errors().get(0).message()).contains("not both");
    assertThat(rows.get(3).refusal().errors()).extracting("field").containsExactly("password");
    assertThat(rows.get(4).refusal().errors().get(0).message())
        .isEqualTo(
            "must be one of [SHA512-CRYPT, SHA256-CRYPT, BLF-CRYPT, ARGON2ID] in its own form");
    assertThat(rows.get(5).refusal().errors())
        .extracting("field")
        .containsExactly("aliases[0]", "aliases[1]");
    assertThat(rows.get(6).refusal().errors()).extracting("field").containsExactly("colour");
    assertThat(rows).extracting(Row::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
    // a refused row never echoes what it was sent beyond its address
    assertThat(rows.get(1).toString()).doesNotContain("short");
  }

  @Test
  void aHashOfASchemeTheImportDoesNotAllowIsRefused() {
    List<Row> rows =
        ImportRows.read(
            JsonBody.parseList(
                ("[{\"email\":\"a@shop.example\",\"passwordHash\":\"" + ARGON + "\"}]")
                    .getBytes(StandardCharsets.UTF_8),
                false,
                "mailboxes",
                10),
            PasswordSchemes.parse("SHA512-CRYPT,BLF-CRYPT", 100_000));
    assertThat(rows.get(0).refusal().errors().get(0).message())
        .isEqualTo("must be one of [SHA512-CRYPT, BLF-CRYPT] in its own form");
  }

  @Test
  void aListBodyIsAnArrayAnObjectWithItsMemberOrNdjsonAndIsBounded() {
    byte[] ndjson =
        "{\"email\":\"a@shop.example\",\"password\":\"correct horse battery\"}\n\n{\"email\":\"b@shop.example\",\"password\":\"correct horse battery\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(JsonBody.parseList(ndjson, true, "mailboxes", 10).root().get("mailboxes").size())
        .isEqualTo(2);
    assertThat(
            JsonBody.parseList(
                    "{\"mailboxes\":[{}]}".getBytes(StandardCharsets.UTF_8), false, "mailboxes", 10)
                .root()
                .get("mailboxes")
                .size())
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                JsonBody.parseList(
                    "[{},{},{}]".getBytes(StandardCharsets.UTF_8), false, "mailboxes", 2))
        .isInstanceOf(ApiException.class)
        .hasMessage("mailboxes must hold at most 2 items");
    assertThatThrownBy(
            () ->
                JsonBody.parseList(
                    "{}\n{oops".getBytes(StandardCharsets.UTF_8), true, "mailboxes", 2))
        .isInstanceOf(ApiException.class)
        .hasMessage("line 2 of the body is not valid JSON");
    assertThatThrownBy(
            () -> JsonBody.parseList("[]".getBytes(StandardCharsets.UTF_8), false, "mailboxes", 2))
        .hasMessage("mailboxes must hold at least one item");
  }

  @Test
  void rowsAreCreatedComparedOrRefusedAndClaimTheirAddressesInRowOrder() {
    Existing anna =
        new Existing(11, "mb_anna", "anna@shop.example", null, QuotaBytesDefault.VALUE, false, BLF);
    ExistingAlias sales = new ExistingAlias(21, "al_sales", "sales@shop.example", 11);
    ExistingAlias help = new ExistingAlias(22, "al_help", "help@shop.example", 99);
    List<Step> steps =
        decide(
            """
            [{"email":"anna@shop.example","passwordHash":"%s","aliases":["sales@shop.example","info@shop.example"]},
             {"email":"bob@shop.example","password":"correct horse battery","aliases":["help@shop.example","info@shop.example","anna@shop.example"]},
             {"email":"bob@shop.example","password":"correct horse battery"},
             {"email":"info@shop.example","password":"correct horse battery"},
             {"email":"help@shop.example","password":"correct horse battery"},
             {"email":"carl@pending.example","password":"correct horse battery"},
             {"email":"dan@elsewhere.example","password":"correct horse battery"}]
            """
                .formatted(BLF),
            Map.of(anna.address(), anna),
            Map.of(sales.address(), sales, help.address(), help));

    Compare first = (Compare) steps.get(0);
    assertThat(first.existing()).isEqualTo(anna);
    assertThat(first.aliases().get(0)).isInstanceOf(AliasExists.class);
    assertThat(first.aliases().get(1)).isInstanceOf(AliasCreate.class);
    Create second = (Create) steps.get(1);
    assertThat(second.domain()).isEqualTo(SHOP);
    assertThat(second.aliases())
        .extracting(a -> ((AliasRefused) a).refusal().code())
        // help: another mailbox's alias; info and anna: claimed by row 1
        .containsExactly("address_taken", "duplicate_address", "duplicate_address");
    assertThat(steps.subList(2, 7))
        .extracting(s -> ((Refused) s).refusal().code())
        .containsExactly(
            "duplicate_address",
            "duplicate_address",
            "address_taken",
            "domain_not_verified",
            "domain_not_found");
    assertThat(((Refused) steps.get(2)).refusal().message())
        .isEqualTo("bob@shop.example is already in row 2 of this import");
  }

  @Test
  void aDomainScopedKeyImportsOnlyIntoItsDomain() {
    DomainRow other = domain(9, "other.example", "verified", true);
    List<Step> steps =
        ImportPlan.decide(
            rows(
                "[{\"email\":\"a@other.example\",\"password\":\"correct horse battery\"},"
                    + "{\"email\":\"a@shop.example\",\"password\":\"correct horse battery\"}]"),
            new Known(
                Map.of(SHOP.name(), SHOP, other.name(), other), SHOP.id(), Map.of(), Map.of()));
    assertThat(((Refused) steps.get(0)).refusal().code()).isEqualTo("forbidden");
    assertThat(steps.get(1)).isInstanceOf(Create.class);
  }

  @Test
  void aRowIsAlreadyInOnlyWithTheSameContent() {
    var wanted =
        rows("[{\"email\":\"a@shop.example\",\"passwordHash\":\""
                + BLF
                + "\",\"displayName\":\"Ann\"}]")
            .get(0)
            .wanted();
    Existing same =
        new Existing(1, "mb_a", "a@shop.example", "Ann", QuotaBytesDefault.VALUE, false, BLF);
    assertThat(ImportPlan.differences(wanted, same, true)).isEmpty();
    Existing other = new Existing(1, "mb_a", "a@shop.example", null, 5, true, BLF);
    assertThat(ImportPlan.differences(wanted, other, false))
        .containsExactly("passwordHash", "displayName", "quotaBytes", "webhookEnabled");
  }

  @Test
  void aPasswordMatchesTheHashEveryEarlierSystemMade() {
    var plain = rows("[{\"email\":\"a@shop.example\",\"password\":\"secret\"}]").get(0);
    // "secret" is too short to create, but a row is matched before it is created: use a real one
    var row =
        rows("[{\"email\":\"a@shop.example\",\"password\":\"correct horse battery\"}]")
            .get(0)
            .wanted();
    assertThat(plain.refusal()).isNotNull();
    String sha = new CryptPasswordHasher("SHA512-CRYPT").hash("correct horse battery").value();
    assertThat(StoredPasswords.matches(row, sha)).isTrue();
    assertThat(StoredPasswords.matches(row, "{SHA512-CRYPT}$6$abc$def")).isFalse();
    var secret =
        new ImportRows.Wanted(row.address(), "secret", null, null, row.quota(), false, List.of());
    assertThat(StoredPasswords.matches(secret, BLF)).isTrue();
    assertThat(StoredPasswords.matches(secret, ARGON)).isTrue();
    assertThat(StoredPasswords.matches(row, BLF)).isFalse();
    assertThat(StoredPasswords.matches(row, ARGON)).isFalse();
    assertThat(StoredPasswords.matches(row, "{PLAIN}correct horse battery")).isFalse();
  }

  /** The default quota, as a row without quotaBytes asks for. */
  private static final class QuotaBytesDefault {
    static final long VALUE = dev.poststack.values.mailbox.QuotaBytes.DEFAULT.value();
  }
}
