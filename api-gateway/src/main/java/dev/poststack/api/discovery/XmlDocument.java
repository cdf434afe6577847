package dev.poststack.api.discovery;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one small XML document with StAX, which escapes every value (an address is a client's
 * input): the three discovery documents differ only in their body.
 */
final class XmlDocument {
  private XmlDocument() {}

  interface Body {
    void write(XMLStreamWriter xml) throws XMLStreamException;
  }

  static String write(String encoding, Body body) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      xml.writeStartDocument(encoding, "1.0");
      body.write(xml);
      xml.writeEndDocument();
      xml.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("a discovery document could not be written", e);
    }
  }

  /** {@code <name>text</name>} */
  static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
