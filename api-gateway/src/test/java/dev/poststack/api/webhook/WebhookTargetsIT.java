package dev.poststack.api.webhook;

import static dev.poststack.api.support.Problems.expectProblem;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the default settings (private targets refused), as in production. */
class WebhookTargetsIT extends ApiIT {

  @Test
  void anEndpointOnAPrivateAddressOrPlainHttpIsRefusedAtCreateAndPatch() {
    Api api = new Api(http, newTeam().apiKey());
    for (String url :
        List.of(
            "https://127.0.0.1/hook",
            "https://10.0.0.8/hook",
            "https://169.254.169.254/latest",
            "https://[::1]/hook",
            "https://localhost/hook",
            "http://hooks.example.com/hook")) {
      expectProblem(
              api.post("/webhooks", Map.of("url", url, "events", List.of("email.inbound"))),
              422,
              "validation_error")
          .jsonPath("$.errors[0].field")
          .isEqualTo("url");
    }
    api.post(
            "/webhooks",
            Map.of("url", "https://hooks.example.com/in", "events", List.of("email.inbound")))
        .expectStatus()
        .isCreated()
        .expectBody()
        .returnResult()
        .getResponseBody();
    expectProblem(
        api.patch("/webhooks/" + webhookId(api), Map.of("url", "https://192.168.1.1/")),
        422,
        "validation_error");
  }

  private static long webhookId(Api api) {
    byte[] list = api.get("/webhooks").expectBody().returnResult().getResponseBody();
    return tools.jackson.databind.json.JsonMapper.builder()
        .build()
        .readTree(list)
        .get("webhooks")
        .get(0)
        .get("id")
        .longValue();
  }
}
