package dev.poststack.dashboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.json.JsonMapper;

class WebhookFormTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSubscriptionByTheSdksOtherNameForInboundMailTicksTheInboundBox() {
    WebhookRow w =
        WebhookRow.of(
            JSON.readTree(
                "{\"id\":7,\"url\":\"https://h.example/in\",\"events\":[\"inbound_email.received\","
                    + "\"mailbox.created\"],\"active\":true}"));
    assertThat(WebhookForm.of(w).events()).containsExactly("email.inbound", "mailbox.created");
  }

  @Test
  void aFormWithoutAnEventIsRefusedBeforeTheApiIsAsked() {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("url", " https://h.example/in ");
    WebhookForm submitted = WebhookForm.of(form);
    assertThat(submitted.url()).isEqualTo("https://h.example/in");
    assertThat(submitted.errors()).containsKey("events");
  }

  @Test
  void aWebhookIsOffWhenSwitchedOffAndDisabledWithItsReasonAfterFailures() {
    WebhookRow off = WebhookRow.of(JSON.readTree("{\"id\":1,\"active\":false}"));
    assertThat(off.status()).isEqualTo("off");
    assertThat(off.statusReason()).isEmpty();
    WebhookRow failing =
        WebhookRow.of(
            JSON.readTree(
                "{\"id\":1,\"active\":false,\"disabledAt\":\"2026-01-01T00:00:00Z\","
                    + "\"disabledReason\":\"50 failed attempts in a row\"}"));
    assertThat(failing.status()).isEqualTo("disabled");
    assertThat(failing.statusReason()).isEqualTo("50 failed attempts in a row");
  }
}
