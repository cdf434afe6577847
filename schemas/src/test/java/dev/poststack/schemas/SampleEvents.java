package dev.poststack.schemas;

import dev.poststack.schemas.event.Actor;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.schemas.event.DkimKey;
import dev.poststack.schemas.event.DkimKeyRetired;
import dev.poststack.schemas.event.DkimRecordSeen;
import dev.poststack.schemas.event.DkimRotationActivated;
import dev.poststack.schemas.event.DkimRotationCancelled;
import dev.poststack.schemas.event.DkimRotationStarted;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainDeleted;
import dev.poststack.schemas.event.DomainExpired;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.NullableStringChange;
import dev.poststack.schemas.event.PasswordChanged;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated, deterministic instance of each event type. */
final class SampleEvents {
  private SampleEvents() {}

  static Envelope envelope() {
    return Envelope.newBuilder()
        .setEventId(UUID.fromString("6f1c2b1e-7a55-4a9e-9d6c-0a1b2c3d4e5f"))
        .setOccurredAt(Instant.parse("2026-03-28T12:00:00.000Z"))
        .setTeamId(7)
        .setActor(Actor.newBuilder().setKind(ActorKind.api_key).setId("key_1").build())
        .setRequestId("req_sample")
        .setClientRequestId("client-sample-1")
        .setSourceIp("192.0.2.10")
        .setUserAgent("poststack-sdk/1.2")
        .build();
  }

  static SpecificRecord of(EventType type) {
    return switch (type) {
      case DOMAIN_CREATED ->
          DomainCreated.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setPublicId("dom_sample")
              .setName("example.test")
              .setInboundEnabled(true)
              .setDomainLimit(50L)
              .setPendingDomainLimit(10L)
              .setDkimKeys(java.util.List.of(dkimKey("ps202603")))
              .setVerificationToken("0123456789abcdef0123456789abcdef")
              .build();
      case DOMAIN_UPDATED ->
          DomainUpdated.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setStatus(DomainStatus.verified)
              .setInboundEnabled(true)
              .setFoundRecords(java.util.List.of("mx", "verification"))
              .build();
      case DOMAIN_DELETED ->
          DomainDeleted.newBuilder().setEnvelope(envelope()).setDomainId(1).build();
      case DOMAIN_EXPIRED ->
          DomainExpired.newBuilder().setEnvelope(envelope()).setDomainId(1).build();
      case MAILBOX_CREATED ->
          MailboxCreated.newBuilder()
              .setEnvelope(envelope())
              .setMailboxId(2)
              .setPublicId("mb_sample")
              .setDomainId(1)
              .setLocalPart("support")
              .setPasswordHash("{SHA512-CRYPT}$6$salt$hash")
              .setDisplayName("Support Team")
              .setQuotaBytes(1073741824L)
              .setWebhookEnabled(true)
              .setMailboxLimit(10000L)
              .build();
      case MAILBOX_UPDATED ->
          MailboxUpdated.newBuilder()
              .setEnvelope(envelope())
              .setMailboxId(2)
              .setDomainId(1)
              .setDisplayName(new NullableStringChange("Customer Support"))
              .setQuotaBytes(2048L)
              .setStatus(MailboxStatus.suspended)
              .setWebhookEnabled(false)
              .build();
      case PASSWORD_CHANGED ->
          PasswordChanged.newBuilder()
              .setEnvelope(envelope())
              .setMailboxId(2)
              .setDomainId(1)
              .setPasswordHash("{SHA512-CRYPT}$6$salt2$hash2")
              .build();
      case MAILBOX_DELETED ->
          MailboxDeleted.newBuilder()
              .setEnvelope(envelope())
              .setMailboxId(2)
              .setDomainId(1)
              .build();
      case ALIAS_CREATED ->
          AliasCreated.newBuilder()
              .setEnvelope(envelope())
              .setAliasId(3)
              .setPublicId("ali_sample")
              .setDomainId(1)
              .setLocalPart("info")
              .setDestinationMailboxId(2)
              .setAliasLimit(10000L)
              .build();
      case ALIAS_DELETED ->
          AliasDeleted.newBuilder().setEnvelope(envelope()).setAliasId(3).setDomainId(1).build();
      case DKIM_ROTATION_STARTED ->
          DkimRotationStarted.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setKey(dkimKey("ps202604"))
              .build();
      case DKIM_RECORD_SEEN ->
          DkimRecordSeen.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setSelector("ps202604")
              .setActivatesAfter(Instant.parse("2026-03-28T13:00:00.000Z"))
              .build();
      case DKIM_ROTATION_ACTIVATED ->
          DkimRotationActivated.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setSelector("ps202604")
              .setRetireAfter(Instant.parse("2026-04-04T13:00:00.000Z"))
              .build();
      case DKIM_ROTATION_CANCELLED ->
          DkimRotationCancelled.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setSelector("ps202604")
              .build();
      case DKIM_KEY_RETIRED ->
          DkimKeyRetired.newBuilder()
              .setEnvelope(envelope())
              .setDomainId(1)
              .setSelector("ps202603")
              .build();
    };
  }

  /** Not a real key: samples are committed, so they carry only the shapes. */
  static DkimKey dkimKey(String selector) {
    return DkimKey.newBuilder()
        .setSelector(selector)
        .setAlgorithm("rsa")
        .setPublicKey("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsample")
        .setSealedKey("v1.c2FtcGxlLW5vbmNlLWFuZC1jaXBoZXJ0ZXh0LW5vdC1hLWtleQ")
        .build();
  }
}
