package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MailLogParserTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  @Test
  void readsEveryFieldOfASaveLineAsDovecotWritesIt() {
    MailLogLine l =
        MailLogParser.parse(
                "2026-12-02 12:51:42 lmtp(alice@one.test)<18022><BqnqFF4UEGtmRgAAg+zDdQ>: Info:"
                    + " save: box=INBOX, uid=17, msgid=<1407952056.1.1796215902325@localhost>,"
                    + " size=706, from=Ann <x@remote.test>, subject=hello, subject=with, commas",
                UTC)
            .orElseThrow();
    assertThat(l.loggedAt()).isEqualTo(Instant.parse("2026-12-02T12:51:42Z"));
    assertThat(l.user()).isEqualTo("alice@one.test");
    assertThat(l.folder()).isEqualTo("INBOX");
    assertThat(l.uid()).isEqualTo(17);
    assertThat(l.messageId()).contains("<1407952056.1.1796215902325@localhost>");
    assertThat(l.size()).isEqualTo(706);
    assertThat(l.from()).contains("Ann <x@remote.test>");
    // the subject is last: everything after its key is its value, commas and '=' included
    assertThat(l.subject()).contains("hello, subject=with, commas");
  }

  @Test
  void emptyValuesAreAbsentAndAFolderMayHoldCommas() {
    MailLogLine l =
        MailLogParser.parse(
                "2026-12-02 12:51:42 lmtp(a@b.test)<1><x>: Info: save: box=Lists, work, uid=3,"
                    + " msgid=, size=10, from=, subject=",
                UTC)
            .orElseThrow();
    assertThat(l.folder()).isEqualTo("Lists, work");
    assertThat(l.messageId()).isEmpty();
    assertThat(l.from()).isEmpty();
    assertThat(l.subject()).isEmpty();
  }

  @Test
  void theTimestampIsTheHostsLocalTime() {
    MailLogLine l =
        MailLogParser.parse(
                "2026-12-02 13:00:00 lmtp(a@b.test)<1><x>: Info: save: box=INBOX, uid=1, msgid=<m>,"
                    + " size=1, from=a@b.test, subject=s",
                ZoneId.of("Europe/Berlin"))
            .orElseThrow();
    assertThat(l.loggedAt()).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
  }

  @Test
  void ignoresEveryOtherLineOfTheLog() {
    for (String line :
        new String[] {
          "2026-12-02 12:51:42 lmtp(18022): Info: Connect from local",
          "2026-12-02 12:51:42 lmtp(a@b.test)<1><x>: Info: msgid=<m>: saved mail to INBOX",
          "2026-12-02 12:51:42 imap(a@b.test)<1><x>: Info: save: box=INBOX, uid=1, size=1",
          "2026-12-02 12:51:42 lmtp(a@b.test)<1><x>: Info: save: box=INBOX, uid=x, size=1",
          "2026-12-02 12:51:42 lmtp(a@b.test)<1><x>: Info: save: box=, uid=1",
          "garbage",
          ""
        }) {
      assertThat(MailLogParser.parse(line, UTC)).as(line).isEmpty();
    }
  }

  @Test
  void aForgedLineInsideASubjectCannotStartAnotherRecord() {
    // one log line is one record: a subject can carry text, never a newline (Dovecot escapes it)
    assertThat(
            MailLogParser.parse(
                    "2026-12-02 12:51:42 lmtp(a@b.test)<1><x>: Info: save: box=INBOX, uid=1,"
                        + " msgid=<m>, size=1, from=a@b.test, subject=x lmtp(c@d.test)<1><x>:"
                        + " Info: save: box=INBOX, uid=9",
                    UTC)
                .orElseThrow()
                .user())
        .isEqualTo("a@b.test");
  }
}
