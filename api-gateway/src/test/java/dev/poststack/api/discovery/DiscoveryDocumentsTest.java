package dev.poststack.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.values.address.DomainName;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The three documents, read back the way the clients read them. */
class DiscoveryDocumentsTest {
  private static final ClientSettings SETTINGS =
      new ClientSettings("mail.example.net", 993, 995, 465, "poststack.example.net");

  @Test
  void thunderbirdGetsImapPop3AndSmtpOverSslWithTheFullAddressAsUsername() throws Exception {
    Document doc = parse(MozillaAutoconfig.render(SETTINGS, DomainName.of("example.test")));
    XPath x = XPathFactory.newInstance().newXPath();
    assertThat(x.evaluate("/clientConfig/@version", doc)).isEqualTo("1.1");
    assertThat(x.evaluate("/clientConfig/emailProvider/domain", doc)).isEqualTo("example.test");
    String imap = "/clientConfig/emailProvider/incomingServer[@type='imap']/";
    assertThat(x.evaluate(imap + "hostname", doc)).isEqualTo("mail.example.net");
    assertThat(x.evaluate(imap + "port", doc)).isEqualTo("993");
    assertThat(x.evaluate(imap + "socketType", doc)).isEqualTo("SSL");
    assertThat(x.evaluate(imap + "username", doc)).isEqualTo("%EMAILADDRESS%");
    assertThat(x.evaluate(imap + "authentication", doc)).isEqualTo("password-cleartext");
    String pop = "/clientConfig/emailProvider/incomingServer[@type='pop3']/";
    assertThat(x.evaluate(pop + "port", doc)).isEqualTo("995");
    assertThat(x.evaluate(pop + "socketType", doc)).isEqualTo("SSL");
    String smtp = "/clientConfig/emailProvider/outgoingServer[@type='smtp']/";
    assertThat(x.evaluate(smtp + "port", doc)).isEqualTo("465");
    assertThat(x.evaluate(smtp + "socketType", doc)).isEqualTo("SSL");
    assertThat(x.evaluate(smtp + "username", doc)).isEqualTo("%EMAILADDRESS%");
  }

  @Test
  void outlookReadsTheAddressOfAPoxRequestAndGetsTheThreeProtocols() throws Exception {
    String request =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
          <Request>
            <EMailAddress>support@example.test</EMailAddress>
            <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
          </Request>
        </Autodiscover>
        """;
    assertThat(OutlookAutodiscover.emailAddress(request.getBytes(StandardCharsets.UTF_8)))
        .contains("support@example.test");

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    Document doc =
        f.newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    OutlookAutodiscover.settings(SETTINGS, "support@example.test")
                        .getBytes(StandardCharsets.UTF_8)));
    XPath x = XPathFactory.newInstance().newXPath();
    DocumentBuilderFactory ns = DocumentBuilderFactory.newInstance();
    ns.setNamespaceAware(true);
    Document withNs =
        ns.newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    OutlookAutodiscover.settings(SETTINGS, "support@example.test")
                        .getBytes(StandardCharsets.UTF_8)));
    assertThat(withNs.getDocumentElement().getNamespaceURI())
        .isEqualTo(OutlookAutodiscover.RESPONSE_NS);
    assertThat(
            withNs.getElementsByTagNameNS(OutlookAutodiscover.OUTLOOK_NS, "Response").getLength())
        .isEqualTo(1);
    String account = "/Autodiscover/Response/Account/";
    assertThat(x.evaluate(account + "AccountType", doc)).isEqualTo("email");
    assertThat(x.evaluate(account + "Action", doc)).isEqualTo("settings");
    for (String[] p : new String[][] {{"IMAP", "993"}, {"POP3", "995"}, {"SMTP", "465"}}) {
      String proto = account + "Protocol[Type='" + p[0] + "']/";
      assertThat(x.evaluate(proto + "Server", doc)).isEqualTo("mail.example.net");
      assertThat(x.evaluate(proto + "Port", doc)).isEqualTo(p[1]);
      assertThat(x.evaluate(proto + "SSL", doc)).isEqualTo("on");
      assertThat(x.evaluate(proto + "LoginName", doc)).isEqualTo("support@example.test");
    }
    assertThat(
            x.evaluate(
                "/Autodiscover/Response/Error/ErrorCode", parse(OutlookAutodiscover.error())))
        .isEqualTo("600");
  }

  @Test
  void aRequestWithAnExternalEntityReadsNoFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "top-secret");
    String request =
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>";
    assertThat(OutlookAutodiscover.emailAddress(request.getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(a -> assertThat(a).doesNotContain("top-secret"))
        .isNotEmpty();
    assertThat(OutlookAutodiscover.emailAddress("not xml".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void appleGetsAnImapAccountProfileWithoutAPassword() throws Exception {
    String plist = AppleProfile.render(SETTINGS, "support@example.test", "example.test");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // the plist's DOCTYPE names Apple's DTD; never fetch it
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(plist.getBytes(StandardCharsets.UTF_8)));
    XPath x = XPathFactory.newInstance().newXPath();
    String account = "/plist/dict/array/dict/";
    assertThat(x.evaluate(account + "key[.='EmailAccountType']/following-sibling::string[1]", doc))
        .isEqualTo("EmailTypeIMAP");
    assertThat(
            x.evaluate(
                account + "key[.='IncomingMailServerPortNumber']/following-sibling::integer[1]",
                doc))
        .isEqualTo("993");
    assertThat(
            x.evaluate(
                account + "key[.='OutgoingMailServerPortNumber']/following-sibling::integer[1]",
                doc))
        .isEqualTo("465");
    assertThat(
            x.evaluate(
                account + "key[.='IncomingMailServerUsername']/following-sibling::string[1]", doc))
        .isEqualTo("support@example.test");
    assertThat(x.evaluate("/plist/dict/key[.='PayloadType']/following-sibling::string[1]", doc))
        .isEqualTo("Configuration");
    assertThat(x.evaluate("count(//key[.='IncomingPassword' or .='OutgoingPassword'])", doc))
        .isEqualTo("0");
    // installing it twice replaces the account: the ids come from the address
    assertThat(plist)
        .isEqualTo(AppleProfile.render(SETTINGS, "support@example.test", "example.test"));
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
