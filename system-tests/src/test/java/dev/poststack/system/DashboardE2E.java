package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.member.MemberAdmin;
import dev.poststack.system.support.Browser;
import dev.poststack.system.support.BrowserExtension;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.testing.TestDatabase;
import dev.poststack.testing.mail.MailClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real headless Chromium, as a team member uses it: sign in, create a mailbox
 * and watch it go live, log in to it over IMAPS, suspend it from its page and read its history,
 * sign out. Screenshots of the main pages go to {@code target/screenshots/}. Runs before the
 * classes that add hosts or take parts down, so "live" means "live on 1 of 1 hosts".
 */
@Order(7)
@ExtendWith({SystemStackExtension.class, BrowserExtension.class})
class DashboardE2E {
  private static final String MEMBER_PASSWORD = "member-password-dash-1";
  private static final String MAILBOX_PASSWORD = "dana-password-1";
  private static final Duration LIVE = Duration.ofSeconds(30);

  private final String dashboard;
  private final Tenant tenant;
  private final MailClients mail;
  private final String domain;
  private final String member;

  DashboardE2E(SystemStack stack) {
    dashboard = stack.apiBaseUrl() + "/dashboard";
    tenant = stack.tenant();
    mail = stack.mail();
    domain = Tenant.uniqueDomain("dashboard");
    tenant.verifiedDomain(domain);
    member = "owner@" + domain;
    addMember(stack.database(), tenant.teamId, member, MEMBER_PASSWORD);
  }

  @Test
  void aMemberSignsInCreatesAMailboxThatGoesLiveAndLogsInSuspendsItReadsItsHistoryAndSignsOut(
      Browser browser) {
    browser.open(dashboard);
    browser.awaitPath("/dashboard/sign-in");
    browser.type(By.id("email"), member);
    browser.type(By.id("password"), MEMBER_PASSWORD);
    browser.screenshot("sign-in");
    browser.click(By.id("sign-in-submit"));
    browser.awaitPath("/dashboard/mailboxes");
    browser.awaitText(By.id("signed-in-as"), member::equals, "the signed-in member's address");

    // the list as a first visit loads it: every asset over the network, none from the cache
    browser.clearCache();
    browser.open(dashboard + "/mailboxes");
    Browser.PageTimings first = browser.timings();
    System.out.printf(
        "dashboard: mailboxes first paint %.0f ms, interactive %.0f ms, %d bytes%n",
        first.firstPaintMs(), first.domInteractiveMs(), first.transferredBytes());

    // create: the row appears and turns live in this same page (a reload would drop the marker)
    String address = "dana@" + domain;
    String row = "tr[data-address='" + address + "']";
    browser.js("window.__sameDocument = true");
    chooseDomain(new Select(browser.visible(By.id("create-domain"))), domain);
    browser.type(By.id("create-local-part"), "dana");
    browser.type(By.id("create-display-name"), "Dana Dashboard");
    browser.type(By.id("create-password"), MAILBOX_PASSWORD);
    browser.click(By.id("create-submit"));
    browser.until(
        "the new mailbox's row in the list without a reload (the list asks for its rows again"
            + " on the create answer's mailbox-created event)",
        d -> !d.findElements(By.cssSelector(row)).isEmpty());
    browser.awaitText(
        By.cssSelector(row + " .mailbox-propagation"),
        t -> t.startsWith("live on"),
        "the new mailbox's propagation cell saying live",
        LIVE);
    assertThat(browser.js("return window.__sameDocument === true"))
        .as("the mailbox list was not reloaded")
        .isEqualTo(true);
    assertThat(browser.visible(By.cssSelector(row + " .mailbox-status")).getText().strip())
        .isEqualTo("active");
    browser.screenshot("mailboxes");

    assertThat(mail.imapLoginWorks(address, MAILBOX_PASSWORD)).isTrue();

    // its page: suspend, and the history names the member for both changes
    browser.click(By.cssSelector(row + " a.mailbox-link"));
    String publicId =
        browser.until(
            "the mailbox's own page",
            d -> {
              String p = browser.path();
              return p.startsWith("/dashboard/mailboxes/")
                  ? p.substring(p.lastIndexOf('/') + 1)
                  : null;
            });
    JsonNode viaApi = tenant.api.get("/mailboxes/" + publicId).expect(200).at("/mailbox");
    assertThat(viaApi.get("emailAddress").asString()).isEqualTo(address);
    Mailbox dana = new Mailbox(viaApi.get("id").asLong(), publicId, address, MAILBOX_PASSWORD);
    browser.awaitText(By.id("mailbox-status"), "active"::equals, "status active");
    browser.click(By.id("suspend"));
    browser.awaitText(By.id("mailbox-status"), "suspended"::equals, "status suspended");
    assertThat(tenant.api.get(dana.path()).expect(200).at("/mailbox/status").asString())
        .isEqualTo("suspended");
    awaitHistoryByMember(browser, "MailboxCreated", "MailboxUpdated");
    assertThat(browser.visible(By.id("client-settings")).getText()).contains(address);
    // the page follows the suspension to the host by itself, as the list does a new mailbox
    browser.awaitText(
        By.id("mailbox-propagation"),
        t -> t.startsWith("live on"),
        "the suspension live on the mail host",
        LIVE);
    browser.fullPageScreenshot("mailbox");

    tenant.awaitOnHost(dana);
    await("IMAPS login of the suspended " + address + " refused")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !mail.imapLoginWorks(address, MAILBOX_PASSWORD));

    browser.click(By.id("sign-out"));
    browser.awaitPath("/dashboard/sign-in");
    browser.open(dashboard + "/mailboxes");
    browser.awaitPath("/dashboard/sign-in");
  }

  @Test
  void aWrongPasswordOrAnUnknownAddressGetTheSameGenericErrorAndNoSession(Browser browser) {
    for (String email : List.of(member, "nobody-" + member)) {
      browser.open(dashboard + "/sign-in");
      browser.type(By.id("email"), email);
      browser.type(By.id("password"), "not-the-password-9");
      browser.click(By.id("sign-in-submit"));
      assertThat(
              browser.awaitText(
                  By.id("sign-in-error"), t -> !t.isEmpty(), "the sign-in error for " + email))
          .isEqualTo("Wrong email or password.");
      assertThat(browser.path()).isEqualTo("/dashboard/sign-in");
    }
    browser.open(dashboard + "/mailboxes");
    browser.awaitPath("/dashboard/sign-in");
  }

  @Test
  void signingOutEverywhereEndsTheMembersSessionInAnotherBrowserToo(
      Browser here, Browser elsewhere) {
    signIn(here);
    signIn(elsewhere);

    here.click(By.id("sign-out-everywhere"));
    here.awaitPath("/dashboard/sign-in");

    elsewhere.open(dashboard + "/mailboxes");
    elsewhere.awaitPath("/dashboard/sign-in");
  }

  private void signIn(Browser browser) {
    browser.open(dashboard + "/sign-in");
    browser.type(By.id("email"), member);
    browser.type(By.id("password"), MEMBER_PASSWORD);
    browser.click(By.id("sign-in-submit"));
    browser.awaitPath("/dashboard/mailboxes");
  }

  /**
   * Waits until the history table lists each event type with the member as its actor. The audit row
   * of a change is written when the provisioner applies it, a moment after the page answered, so
   * the page is reloaded while the row is missing.
   */
  private void awaitHistoryByMember(Browser browser, String... types) {
    await("history rows " + List.of(types) + " by " + member)
        .atMost(LIVE)
        .pollInterval(Duration.ofMillis(500))
        // the page may re-render the table while it is read: the next poll reads it again
        .ignoreException(StaleElementReferenceException.class)
        .until(
            () -> {
              List<WebElement> rows = browser.all(By.cssSelector("table#history tr.history-row"));
              boolean all =
                  List.of(types).stream()
                      .allMatch(
                          type ->
                              rows.stream()
                                  .anyMatch(
                                      r ->
                                          cell(r, ".history-type").contains(type)
                                              && cell(r, ".history-actor").contains(member)));
              if (!all) {
                browser.driver().navigate().refresh();
              }
              return all;
            });
  }

  private static String cell(WebElement row, String css) {
    List<WebElement> cells = row.findElements(By.cssSelector(css));
    return cells.isEmpty() ? "" : cells.get(0).getText().strip();
  }

  /** The domain's option, whether it shows the name alone or with more (its state, an id). */
  private static void chooseDomain(Select select, String domain) {
    List<WebElement> options = select.getOptions();
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).getText().contains(domain)) {
        select.selectByIndex(i);
        return;
      }
    }
    throw new AssertionError(
        "no option for "
            + domain
            + " in #create-domain: "
            + select.getOptions().stream().map(WebElement::getText).toList());
  }

  /** A member of the team with this password, as the operator's {@code admin user create} adds. */
  private static void addMember(TestDatabase db, long teamId, String email, String password) {
    new MemberAdmin(new AdminDatabase(db.jdbcUrl(), db.user(), db.password()))
        .create(Long.toString(teamId), email, password);
  }
}
