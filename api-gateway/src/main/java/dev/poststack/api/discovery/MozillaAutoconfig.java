package dev.poststack.api.discovery;

import dev.poststack.values.address.DomainName;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
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
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("clientConfig");
      xml.writeAttribute("version", "1.1");
      xml.writeStartElement("emailProvider");
      xml.writeAttribute("id", domain.value());
      element(xml, "domain", domain.value());
      element(xml, "displayName", domain.value() + " (PostStack)");
      element(xml, "displayShortName", domain.value());
      server(xml, "incomingServer", "imap", settings.mailHost(), settings.imapsPort());
      server(xml, "incomingServer", "pop3", settings.mailHost(), settings.pop3sPort());
      server(xml, "outgoingServer", "smtp", settings.mailHost(), settings.submissionsPort());
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("autoconfig could not be written", e);
    }
  }

  private static void server(XMLStreamWriter xml, String kind, String type, String host, int port)
      throws XMLStreamException {
    xml.writeStartElement(kind);
    xml.writeAttribute("type", type);
    element(xml, "hostname", host);
    element(xml, "port", Integer.toString(port));
    element(xml, "socketType", "SSL");
    element(xml, "authentication", "password-cleartext");
    element(xml, "username", "%EMAILADDRESS%");
    xml.writeEndElement();
  }

  static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
