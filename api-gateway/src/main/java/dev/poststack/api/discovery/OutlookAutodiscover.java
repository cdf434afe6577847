package dev.poststack.api.discovery;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Outlook's "plain old XML" autodiscover: the request names {@code EMailAddress}; the answer, in
 * the {@code outlook/responseschema/2006a} schema, lists IMAP, POP3 and SMTP with SSL on and the
 * full address as login name. An address whose domain we do not serve gets the schema's error
 * answer, the same whatever the reason.
 */
public final class OutlookAutodiscover {
  static final String RESPONSE_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
  static final String OUTLOOK_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

  private OutlookAutodiscover() {}

  /**
   * The {@code EMailAddress} of a request, if it has one. No DTD, no external entity: a request is
   * data from anyone, and an entity could read files or loop (XXE, billion laughs).
   */
  public static Optional<String> emailAddress(byte[] request) {
    XMLInputFactory factory = XMLInputFactory.newInstance();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(request));
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamConstants.START_ELEMENT
              && xml.getLocalName().equals("EMailAddress")) {
            return Optional.of(xml.getElementText().strip());
          }
        }
        return Optional.empty();
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      return Optional.empty();
    }
  }

  public static String settings(ClientSettings settings, String address) {
    return XmlDocument.write(
        "utf-8",
        xml -> {
          xml.writeStartElement("Autodiscover");
          xml.writeDefaultNamespace(RESPONSE_NS);
          xml.writeStartElement("Response");
          xml.writeDefaultNamespace(OUTLOOK_NS);
          xml.writeStartElement("User");
          XmlDocument.element(xml, "DisplayName", address);
          xml.writeEndElement();
          xml.writeStartElement("Account");
          XmlDocument.element(xml, "AccountType", "email");
          XmlDocument.element(xml, "Action", "settings");
          protocol(xml, "IMAP", settings.mailHost(), settings.imapsPort(), address);
          protocol(xml, "POP3", settings.mailHost(), settings.pop3sPort(), address);
          protocol(xml, "SMTP", settings.mailHost(), settings.submissionsPort(), address);
          xml.writeEndElement();
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  /** The schema's error answer (code 600, "Invalid Request"): no hint of why. */
  public static String error() {
    return XmlDocument.write(
        "utf-8",
        xml -> {
          xml.writeStartElement("Autodiscover");
          xml.writeDefaultNamespace(RESPONSE_NS);
          xml.writeStartElement("Response");
          xml.writeStartElement("Error");
          XmlDocument.element(xml, "ErrorCode", "600");
          XmlDocument.element(xml, "Message", "Invalid Request");
          XmlDocument.element(xml, "DebugData", "");
          xml.writeEndElement();
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  private static void protocol(
      XMLStreamWriter xml, String type, String host, int port, String login)
      throws XMLStreamException {
    xml.writeStartElement("Protocol");
    XmlDocument.element(xml, "Type", type);
    XmlDocument.element(xml, "Server", host);
    XmlDocument.element(xml, "Port", Integer.toString(port));
    XmlDocument.element(xml, "DomainRequired", "off");
    XmlDocument.element(xml, "LoginName", login);
    XmlDocument.element(xml, "SPA", "off");
    XmlDocument.element(xml, "SSL", "on");
    XmlDocument.element(xml, "AuthRequired", "on");
    if (type.equals("SMTP")) {
      // 465 is implicit TLS (RFC 8314); newer Outlook reads Encryption over SSL
      XmlDocument.element(xml, "Encryption", "SSL");
      XmlDocument.element(xml, "UsePOPAuth", "on");
    }
    xml.writeEndElement();
  }
}
