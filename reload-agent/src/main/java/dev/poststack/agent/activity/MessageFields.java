package dev.poststack.agent.activity;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a delivery record takes from the delivered message itself (parsed with Jakarta Mail, no I/O
 * beyond the stream it is given): full header values, the envelope recipient Dovecot wrote as
 * {@code Delivered-To} (a {@code +tag} kept), and the first text and HTML bodies, each bounded.
 */
record MessageFields(
    Optional<String> messageId,
    Optional<String> fromAddress,
    Optional<String> fromName,
    List<String> to,
    List<String> cc,
    Optional<String> subject,
    Optional<Instant> sentAt,
    Optional<String> recipient,
    Optional<String> textBody,
    Optional<String> htmlBody,
    boolean bodiesTruncated) {

  /** Bytes (UTF-8) per body: two of them stay well inside Kafka's 1 MB record limit. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /** Bytes (UTF-8) per header value kept (subject, names, ids). */
  public static final int MAX_HEADER_BYTES = 4096;

  /** Addresses kept per list (to, cc). */
  public static final int MAX_ADDRESSES = 100;

  /** MIME parts looked at for bodies: a hostile message may nest thousands. */
  private static final int MAX_PARTS = 200;

  private static final Session SESSION = Session.getInstance(lenient());

  private static Properties lenient() {
    Properties p = new Properties();
    // what arrives from the internet is often not strictly RFC 822; read what can be read
    p.put("mail.mime.address.strict", "false");
    p.put("mail.mime.decodetext.strict", "false");
    return p;
  }

  public static MessageFields parse(InputStream message) throws MessagingException, IOException {
    MimeMessage m = new MimeMessage(SESSION, message);
    Bodies bodies = new Bodies();
    bodies.collect(m, 0);
    Optional<InternetAddress> from = first(m.getHeader("From", ","));
    return new MessageFields(
        header(m, "Message-ID"),
        from.map(InternetAddress::getAddress).map(MessageFields::bounded),
        from.map(InternetAddress::getPersonal).map(MessageFields::bounded),
        addresses(m.getHeader("To", ",")),
        addresses(m.getHeader("Cc", ",")),
        Optional.ofNullable(safeSubject(m)).map(MessageFields::bounded),
        Optional.ofNullable(safeDate(m)).map(Date::toInstant),
        header(m, "Delivered-To"),
        Optional.ofNullable(bodies.text),
        Optional.ofNullable(bodies.html),
        bodies.truncated);
  }

  private static String safeSubject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static Date safeDate(MimeMessage m) {
    try {
      return m.getSentDate();
    } catch (MessagingException e) {
      return null;
    }
  }

  /** The first (topmost) occurrence: for Delivered-To, the one this host's LMTP added. */
  private static Optional<String> header(MimeMessage m, String name) throws MessagingException {
    String[] values = m.getHeader(name);
    if (values == null || values.length == 0 || values[0].isBlank()) {
      return Optional.empty();
    }
    return Optional.of(bounded(MimeUtility.unfold(values[0]).trim()));
  }

  private static Optional<InternetAddress> first(String header) {
    List<InternetAddress> all = parseAddresses(header);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static List<String> addresses(String header) {
    List<String> out = new ArrayList<>();
    for (InternetAddress a : parseAddresses(header)) {
      if (out.size() == MAX_ADDRESSES) {
        break;
      }
      if (a.getAddress() != null && !a.getAddress().isBlank()) {
        out.add(bounded(a.getAddress()));
      }
    }
    return out;
  }

  private static List<InternetAddress> parseAddresses(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    try {
      List<InternetAddress> out = new ArrayList<>();
      for (Address a : InternetAddress.parseHeader(header, false)) {
        if (a instanceof InternetAddress ia) {
          out.add(ia);
        }
      }
      return out;
    } catch (AddressException e) {
      return List.of();
    }
  }

  static String bounded(String s) {
    return truncate(s, MAX_HEADER_BYTES);
  }

  /** At most {@code maxBytes} of UTF-8, cut at a character boundary. */
  static String truncate(String s, int maxBytes) {
    if (s.length() * 3L <= maxBytes) {
      return s;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= maxBytes) {
      return s;
    }
    int end = maxBytes;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--; // not inside a multi-byte character
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }

  /** Walks the MIME tree once: the first inline text/plain and text/html parts. */
  private static final class Bodies {
    String text;
    String html;
    boolean truncated;
    int parts;

    void collect(Part p, int depth) throws MessagingException, IOException {
      if (++parts > MAX_PARTS || depth > 20 || (text != null && html != null)) {
        return;
      }
      if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
        return;
      }
      if (p.isMimeType("multipart/*")) {
        Object content = p.getContent();
        if (content instanceof Multipart mp) {
          for (int i = 0; i < mp.getCount(); i++) {
            BodyPart child = mp.getBodyPart(i);
            collect(child, depth + 1);
          }
        }
      } else if (p.isMimeType("text/plain") && text == null) {
        text = read(p);
      } else if (p.isMimeType("text/html") && html == null) {
        html = read(p);
      }
    }

    /** Decoded, at most {@link #MAX_BODY_BYTES} read: never the whole of a huge part. */
    private String read(Part p) throws MessagingException, IOException {
      byte[] bytes;
      try (InputStream in = p.getInputStream()) {
        bytes = in.readNBytes(MAX_BODY_BYTES * 2 + 1);
      }
      String s = new String(bytes, charset(p));
      String cut = truncate(s, MAX_BODY_BYTES);
      if (cut.length() < s.length() || bytes.length > MAX_BODY_BYTES * 2) {
        truncated = true;
      }
      return cut;
    }

    private static Charset charset(Part p) {
      try {
        String name = new ContentType(p.getContentType()).getParameter("charset");
        return name == null
            ? StandardCharsets
                .UTF_8 // us-ascii by the RFC; UTF-8 reads that and what is sent unlabelled
            : Charset.forName(MimeUtility.javaCharset(name));
      } catch (MessagingException | RuntimeException e) {
        return StandardCharsets.UTF_8;
      }
    }
  }
}
