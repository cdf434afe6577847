package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.host.MailDelivered;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The message → delivery record mapping, from bytes as Dovecot stores them. */
class MessageFieldsTest {
  private static final String MULTIPART =
      """
      Return-Path: <ann@remote.test>
      Delivered-To: Bob+News@two.test
      Received: from mail.test by host with LMTP; Wed, 02 Dec 2026 12:51:42 +0000
      Delivered-To: earlier@elsewhere.test
      Date: Wed, 2 Dec 2026 12:51:40 +0000
      From: =?UTF-8?Q?Ann_S=C3=A9nder?= <ann@remote.test>
      To: bob+news@two.test, "Other" <other@two.test>
      Cc: carl@remote.test
      Message-ID: <abc@remote.test>
      Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen:_a_subject_longer_than_eighty_bytes_?=
       =?UTF-8?Q?for_certain,_with_folding?=
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="outer"

      --outer
      Content-Type: multipart/alternative; boundary="inner"

      --inner
      Content-Type: text/plain; charset=UTF-8
      Content-Transfer-Encoding: quoted-printable

      Gr=C3=BC=C3=9Fe, plain
      --inner
      Content-Type: text/html; charset=UTF-8

      <p>html</p>
      --inner--
      --outer
      Content-Type: text/plain
      Content-Disposition: attachment; filename="a.txt"

      not a body
      --outer--
      """
          .replace("\n", "\r\n");

  private static MessageFields parse(String message) throws Exception {
    return MessageFields.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void takesFullHeadersTheTopmostDeliveredToAndTheFirstInlineBodies() throws Exception {
    MessageFields f = parse(MULTIPART);
    assertThat(f.subject())
        .contains(
            "Grüße aus München: a subject longer than eighty bytes for certain, with folding");
    assertThat(f.fromAddress()).contains("ann@remote.test");
    assertThat(f.fromName()).contains("Ann Sénder");
    assertThat(f.to()).containsExactly("bob+news@two.test", "other@two.test");
    assertThat(f.cc()).containsExactly("carl@remote.test");
    assertThat(f.messageId()).contains("<abc@remote.test>");
    assertThat(f.recipient()).contains("Bob+News@two.test");
    assertThat(f.sentAt()).contains(Instant.parse("2026-12-02T12:51:40Z"));
    assertThat(f.textBody()).hasValueSatisfying(t -> assertThat(t).startsWith("Grüße, plain"));
    assertThat(f.htmlBody()).hasValueSatisfying(t -> assertThat(t).contains("<p>html</p>"));
    assertThat(f.bodiesTruncated()).isFalse();
  }

  @Test
  void boundsEachBodyAtACharacterBoundaryAndSaysSo() throws Exception {
    String big = "ü".repeat(MessageFields.MAX_BODY_BYTES); // twice the limit in UTF-8
    MessageFields f =
        parse(
            "Subject: big\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + big);
    assertThat(f.textBody().orElseThrow().getBytes(StandardCharsets.UTF_8).length)
        .isEqualTo(MessageFields.MAX_BODY_BYTES);
    assertThat(f.textBody().orElseThrow()).matches("ü+");
    assertThat(f.bodiesTruncated()).isTrue();
  }

  @Test
  void aMessageWithoutHeadersStillMaps() throws Exception {
    MessageFields f = parse("\r\njust text\r\n");
    assertThat(f.subject()).isEmpty();
    assertThat(f.fromAddress()).isEmpty();
    assertThat(f.to()).isEmpty();
    assertThat(f.textBody()).contains("just text\r\n");
  }

  private static final MailLogLine LINE =
      new MailLogLine(
          Instant.parse("2026-12-02T12:51:42Z"),
          "Bob@two.test",
          "INBOX",
          7,
          Optional.of("<abc@remote.test>"),
          1234,
          Optional.of("Ann <ann@remote.test>"),
          Optional.of("Grüße aus München: a subject cut by Dov..."));

  @Test
  void theMessagesOwnValuesWinOverTheLogLine() throws Exception {
    MailDelivered d =
        DeliveryRecords.of(
            "mx1",
            Optional.of(20L),
            LINE,
            Optional.of("f".repeat(32)),
            Optional.of(parse(MULTIPART)));
    assertThat(d.getSubject()).endsWith("with folding");
    assertThat(d.getAddress()).isEqualTo("bob@two.test");
    assertThat(d.getRecipient()).isEqualTo("bob+news@two.test");
    assertThat(d.getMailboxId()).isEqualTo(20L);
    assertThat(d.getSizeBytes()).isEqualTo(1234);
    assertThat(d.getDeliveredAt()).isEqualTo(LINE.loggedAt());
    assertThat(d.getDeliveryId()).isEqualTo("mx1/bob@two.test/" + "f".repeat(32) + "/7");
  }

  @Test
  void aMessageGoneBeforeItWasReadKeepsWhatTheLogLineGave() {
    MailDelivered d =
        DeliveryRecords.of("mx1", Optional.empty(), LINE, Optional.empty(), Optional.empty());
    assertThat(d.getSubject()).isEqualTo(LINE.subject().orElseThrow());
    assertThat(d.getFromAddress()).isEqualTo("ann@remote.test");
    assertThat(d.getMessageId()).isEqualTo("<abc@remote.test>");
    assertThat(d.getTextBody()).isNull();
    assertThat(d.getRecipient()).isNull();
    assertThat(d.getToAddresses()).isEmpty();
  }

  @Test
  void theDeliveryIdIsTheSameEveryTimeTheLineIsRead() {
    assertThat(DeliveryRecords.deliveryId("mx1", LINE, Optional.empty()))
        .isEqualTo(DeliveryRecords.deliveryId("mx1", LINE, Optional.empty()))
        .isNotEqualTo(DeliveryRecords.deliveryId("mx2", LINE, Optional.empty()));
  }
}
