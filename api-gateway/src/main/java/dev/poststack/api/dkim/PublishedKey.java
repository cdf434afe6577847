package dev.poststack.api.dkim;

/**
 * A domain's DKIM key as its DNS records show it: {@code state} is the provisioner's ({@code
 * active}, {@code staged}, {@code retiring}).
 */
public record PublishedKey(String selector, String algorithm, String publicKey, String state) {

  public String recordName(String domain) {
    return DkimRecords.name(selector, domain);
  }

  public String recordValue() {
    return DkimRecords.value(algorithm, publicKey);
  }

  public String purpose() {
    return DkimRecords.purpose(state);
  }
}
