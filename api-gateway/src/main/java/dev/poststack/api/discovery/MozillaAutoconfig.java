package dev.poststack.api.discovery;

import dev.poststack.values.address.DomainName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Thunderbird's autoconfig document ({@code config-v1.1.xml}, the format of Mozilla's ISPDB): IMAP
 * and POP3 over SSL, SMTP submission over SSL, username {@code %EMAILADDRESS%} (the client puts in
 * the address the user typed), password in clear inside the TLS session.
 */
public final class MozillaAutoconfig {
  private MozillaAutoconfig() {}

  public static String render(ClientSettings settings, DomainName domain) {
    return XmlDocument.write(
        "UTF-8",
        xml -> {
          xml.writeStartElement("clientConfig");
          xml.writeAttribute("version", "1.1");
          xml.writeStartElement("emailProvider");
          xml.writeAttribute("id", domain.value());
          XmlDocument.element(xml, "domain", domain.value());
          XmlDocument.element(xml, "displayName", domain.value() + " (PostStack)");
          XmlDocument.element(xml, "displayShortName", domain.value());
          server(xml, "incomingServer", "imap", settings.mailHost(), settings.imapsPort());
          server(xml, "incomingServer", "pop3", settings.mailHost(), settings.pop3sPort());
          server(xml, "outgoingServer", "smtp", settings.mailHost(), settings.submissionsPort());
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  private static void server(XMLStreamWriter xml, String kind, String type, String host, int port)
      throws XMLStreamException {
    xml.writeStartElement(kind);
    xml.writeAttribute("type", type);
    XmlDocument.element(xml, "hostname", host);
    XmlDocument.element(xml, "port", Integer.toString(port));
    XmlDocument.element(xml, "socketType", "SSL");
    XmlDocument.element(xml, "authentication", "password-cleartext");
    XmlDocument.element(xml, "username", "%EMAILADDRESS%");
    xml.writeEndElement();
  }
}
