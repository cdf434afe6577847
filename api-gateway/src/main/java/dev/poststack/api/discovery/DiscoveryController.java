package dev.poststack.api.discovery;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Mail client autodiscovery, public and keyless: Thunderbird's autoconfig, Outlook's POX and JSON
 * autodiscover, an Apple configuration profile. A domain is served when it is hosted here and
 * verified — what its public MX record already tells anyone. Anything else (an unknown domain,
 * another team's pending claim, a malformed address) gets one and the same "not found" answer, and
 * the local part is never looked up: no answer says whether an address exists.
 */
@RestController
class DiscoveryController {
  private static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");
  // clients ask once per account set-up; an hour spares the database a client's retries
  private static final CacheControl CACHE = CacheControl.maxAge(java.time.Duration.ofHours(1));

  private final DatabaseClient db;
  private final ClientSettings settings;
  private final String publicBaseUrl;

  DiscoveryController(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    ApiProperties.Client client = properties.client();
    this.settings =
        new ClientSettings(
            properties.clientHostname(),
            client.imapsPort(),
            client.pop3sPort(),
            client.submissionsPort(),
            properties.platformHostname());
    this.publicBaseUrl = properties.platformUrl();
  }

  @GetMapping({"/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml"})
  Mono<ResponseEntity<String>> mozilla(
      @RequestParam(name = "emailaddress", required = false) String emailAddress) {
    return served(emailAddress)
        .map(
            address ->
                ResponseEntity.ok()
                    .contentType(XML)
                    .cacheControl(CACHE)
                    .body(MozillaAutoconfig.render(settings, address.domain())))
        .defaultIfEmpty(notFound());
  }

  @PostMapping({"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"})
  Mono<ResponseEntity<String>> outlook(@RequestBody(required = false) byte[] body) {
    Optional<String> requested =
        body == null ? Optional.empty() : OutlookAutodiscover.emailAddress(body);
    return served(requested.orElse(null))
        .map(
            address ->
                ResponseEntity.ok()
                    .contentType(XML)
                    .body(OutlookAutodiscover.settings(settings, address.value())))
        // Outlook reads the schema's error element; its status is 200 as Exchange answers it
        .defaultIfEmpty(ResponseEntity.ok().contentType(XML).body(OutlookAutodiscover.error()));
  }

  @GetMapping({"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"})
  ResponseEntity<String> outlookProbe() {
    return ResponseEntity.ok().contentType(XML).body(OutlookAutodiscover.error());
  }

  /**
   * Outlook's JSON step: for {@code Protocol=AutodiscoverV1} the URL of the POX service above;
   * every other protocol (Exchange's ActiveSync, EWS, REST) is not offered here.
   */
  @GetMapping("/autodiscover/autodiscover.json/v1.0/{email}")
  Mono<ResponseEntity<Map<String, String>>> outlookJson(
      @PathVariable String email,
      @RequestParam(name = "Protocol", required = false) String protocol) {
    if (protocol == null || !protocol.equalsIgnoreCase("AutodiscoverV1")) {
      return Mono.just(
          ResponseEntity.status(HttpStatus.BAD_REQUEST)
              .body(
                  Map.of(
                      "ErrorCode",
                      "InvalidProtocol",
                      "ErrorMessage",
                      "The given protocol value is invalid. Supported values are"
                          + " 'AutodiscoverV1'")));
    }
    return served(email)
        .map(
            address ->
                ResponseEntity.ok()
                    .body(
                        Map.of(
                            "Protocol",
                            "AutodiscoverV1",
                            "Url",
                            publicBaseUrl + "/autodiscover/autodiscover.xml")))
        .defaultIfEmpty(
            ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("ErrorCode", "NotFound", "ErrorMessage", "not found")));
  }

  @GetMapping("/apple/mobileconfig")
  Mono<ResponseEntity<byte[]>> apple(
      @RequestParam(name = "emailaddress", required = false) String emailAddress) {
    return served(emailAddress)
        .map(
            address ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(AppleProfile.CONTENT_TYPE))
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + address.domain().value() + ".mobileconfig\"")
                    .body(
                        AppleProfile.render(settings, address.value(), address.domain().value())
                            .getBytes(StandardCharsets.UTF_8)))
        .defaultIfEmpty(
            ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.TEXT_PLAIN)
                .body("not found\n".getBytes(StandardCharsets.UTF_8)));
  }

  /** The address, when it is well formed and its domain is hosted here and verified. */
  private Mono<EmailAddress> served(String raw) {
    EmailAddress address;
    try {
      address =
          raw == null ? null : EmailAddress.parse(raw.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (InvalidValueException e) {
      address = null;
    }
    if (address == null) {
      return Mono.empty();
    }
    EmailAddress parsed = address;
    return db.sql(
            "select exists (select 1 from domain where name = :name and status = 'verified'"
                + " and deleted_at is null) as served")
        .bind("name", parsed.domain().value())
        .map((row, meta) -> Boolean.TRUE.equals(row.get("served", Boolean.class)))
        .one()
        .filter(Boolean::booleanValue)
        .map(served -> parsed);
  }

  private static ResponseEntity<String> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_PLAIN)
        .body("not found\n");
  }
}
