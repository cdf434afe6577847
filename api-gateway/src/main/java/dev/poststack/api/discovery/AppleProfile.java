package dev.poststack.api.discovery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An Apple configuration profile ({@code .mobileconfig}, a property list) with one IMAP account:
 * IMAP over SSL in, SMTP over SSL out with the same credentials. No password inside: Mail asks for
 * it when the profile is installed. Unsigned (the device says so); the UUIDs are derived from the
 * address so installing it again replaces the account instead of adding a second.
 */
public final class AppleProfile {
  public static final String CONTENT_TYPE = "application/x-apple-aspen-config";

  private AppleProfile() {}

  public static String render(ClientSettings settings, String address, String domain) {
    String reverse = "dev.poststack.mail." + address.replace('@', '.');
    return XmlDocument.write(
        "UTF-8",
        xml -> {
          xml.writeDTD(
              "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                  + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">");
          xml.writeStartElement("plist");
          xml.writeAttribute("version", "1.0");
          xml.writeStartElement("dict");
          key(xml, "PayloadContent");
          xml.writeStartElement("array");
          xml.writeStartElement("dict");
          string(xml, "EmailAccountDescription", address);
          string(xml, "EmailAccountName", address);
          string(xml, "EmailAccountType", "EmailTypeIMAP");
          string(xml, "EmailAddress", address);
          string(xml, "IncomingMailServerAuthentication", "EmailAuthPassword");
          string(xml, "IncomingMailServerHostName", settings.mailHost());
          integer(xml, "IncomingMailServerPortNumber", settings.imapsPort());
          bool(xml, "IncomingMailServerUseSSL", true);
          string(xml, "IncomingMailServerUsername", address);
          string(xml, "OutgoingMailServerAuthentication", "EmailAuthPassword");
          string(xml, "OutgoingMailServerHostName", settings.mailHost());
          integer(xml, "OutgoingMailServerPortNumber", settings.submissionsPort());
          bool(xml, "OutgoingMailServerUseSSL", true);
          string(xml, "OutgoingMailServerUsername", address);
          bool(xml, "OutgoingPasswordSameAsIncomingPassword", true);
          string(xml, "PayloadDescription", "Email account " + address);
          string(xml, "PayloadDisplayName", address);
          string(xml, "PayloadIdentifier", reverse + ".account");
          string(xml, "PayloadType", "com.apple.mail.managed");
          string(xml, "PayloadUUID", uuid("account:" + address));
          integer(xml, "PayloadVersion", 1);
          xml.writeEndElement();
          xml.writeEndElement();
          string(xml, "PayloadDescription", "Mail settings for " + address);
          string(xml, "PayloadDisplayName", domain + " mail");
          string(xml, "PayloadIdentifier", reverse);
          bool(xml, "PayloadRemovalDisallowed", false);
          string(xml, "PayloadType", "Configuration");
          string(xml, "PayloadUUID", uuid("profile:" + address));
          integer(xml, "PayloadVersion", 1);
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase();
  }

  private static void key(XMLStreamWriter xml, String key) throws XMLStreamException {
    XmlDocument.element(xml, "key", key);
  }

  private static void string(XMLStreamWriter xml, String key, String value)
      throws XMLStreamException {
    key(xml, key);
    XmlDocument.element(xml, "string", value);
  }

  private static void integer(XMLStreamWriter xml, String key, int value)
      throws XMLStreamException {
    key(xml, key);
    XmlDocument.element(xml, "integer", Integer.toString(value));
  }

  private static void bool(XMLStreamWriter xml, String key, boolean value)
      throws XMLStreamException {
    key(xml, key);
    xml.writeEmptyElement(value ? "true" : "false");
  }
}
