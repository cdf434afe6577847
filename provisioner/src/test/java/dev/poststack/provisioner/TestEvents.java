package dev.poststack.provisioner;

import dev.poststack.schemas.EventType;
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

/**
 * Builds events as one team's API would publish them. Each event happens one second after the
 * previous one, so timestamps in the resulting rows are predictable.
 */
public final class TestEvents {
  public static final String HASH = "{SHA512-CRYPT}$6$salt$c2VjcmV0aGFzaA";
  public static final Instant START = Instant.parse("2026-03-28T12:00:00.000Z");

  private final long team;
  private Instant clock = START;

  private TestEvents(long team) {
    this.team = team;
  }

  public static TestEvents forTeam(long team) {
    return new TestEvents(team);
  }

  /** When an event occurred: its rows' timestamps. */
  public static Instant at(org.apache.avro.specific.SpecificRecord event) {
    return dev.poststack.schemas.Events.envelope(event).getOccurredAt();
  }

  /** When the next event will have occurred. */
  public Instant next() {
    return clock.plusSeconds(1);
  }

  public Envelope envelope() {
    clock = clock.plusSeconds(1);
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock)
        .setTeamId(team)
        .setActor(Actor.newBuilder().setKind(ActorKind.api_key).setId("key_" + team).build())
        .setRequestId("req_" + UUID.randomUUID())
        .build();
  }

  /**
   * One event of the type with every field set, optional text fields included (the display name,
   * the client request id): what a check over every field must see.
   */
  public SpecificRecord every(EventType type) {
    SpecificRecord event =
        switch (type) {
          case DOMAIN_CREATED -> domainCreated(1, "example.com");
          case DOMAIN_UPDATED -> domainUpdated(1, DomainStatus.verified, true);
          case DOMAIN_DELETED -> domainDeleted(1);
          case DOMAIN_EXPIRED -> domainExpired(1);
          case MAILBOX_CREATED -> {
            MailboxCreated created = mailboxCreated(2, 1, "anna");
            created.setDisplayName("Anna");
            yield created;
          }
          case MAILBOX_UPDATED ->
              mailboxUpdate(2, 1)
                  .setDisplayName(new NullableStringChange("Anna K"))
                  .setQuotaBytes(2L << 30)
                  .setStatus(MailboxStatus.suspended)
                  .setWebhookEnabled(true)
                  .build();
          case PASSWORD_CHANGED -> passwordChanged(2, 1, HASH);
          case MAILBOX_DELETED -> mailboxDeleted(2, 1);
          case ALIAS_CREATED -> aliasCreated(3, 1, "info", 2);
          case ALIAS_DELETED -> aliasDeleted(3, 1);
          case DKIM_ROTATION_STARTED -> dkimRotationStarted(1, "ps2");
          case DKIM_RECORD_SEEN -> dkimRecordSeen(1, "ps2", Instant.parse("2026-01-01T00:00:00Z"));
          case DKIM_ROTATION_ACTIVATED ->
              dkimRotationActivated(1, "ps2", Instant.parse("2026-01-08T00:00:00Z"));
          case DKIM_ROTATION_CANCELLED -> dkimRotationCancelled(1, "ps2");
          case DKIM_KEY_RETIRED -> dkimKeyRetired(1, "ps1");
        };
    dev.poststack.schemas.Events.envelope(event).setClientRequestId("client-" + team);
    return event;
  }

  public DomainCreated domainCreated(long domainId, String name) {
    return DomainCreated.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setPublicId("dom_" + domainId)
        .setName(name)
        .setInboundEnabled(true)
        .build();
  }

  /** A domain with its first DKIM key, as the API creates one. */
  public DomainCreated domainCreatedWithKey(long domainId, String name, String selector) {
    DomainCreated created = domainCreated(domainId, name);
    created.setDkimKeys(java.util.List.of(dkimKey(selector)));
    return created;
  }

  /** Shapes only: the provisioner never opens a sealed key. */
  public static DkimKey dkimKey(String selector) {
    return DkimKey.newBuilder()
        .setSelector(selector)
        .setAlgorithm("rsa")
        .setPublicKey("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + selector)
        .setSealedKey("v1.c2VhbGVkLWtleS1zaGFwZS1vbmx5LW5vdC1hLXJlYWwta2V5LQ")
        .build();
  }

  public DkimRotationStarted dkimRotationStarted(long domainId, String selector) {
    return DkimRotationStarted.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setKey(dkimKey(selector))
        .build();
  }

  public DkimRecordSeen dkimRecordSeen(long domainId, String selector, Instant activatesAfter) {
    return DkimRecordSeen.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setSelector(selector)
        .setActivatesAfter(activatesAfter)
        .build();
  }

  public DkimRotationActivated dkimRotationActivated(
      long domainId, String selector, Instant retireAfter) {
    return DkimRotationActivated.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setSelector(selector)
        .setRetireAfter(retireAfter)
        .build();
  }

  public DkimRotationCancelled dkimRotationCancelled(long domainId, String selector) {
    return DkimRotationCancelled.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setSelector(selector)
        .build();
  }

  public DkimKeyRetired dkimKeyRetired(long domainId, String selector) {
    return DkimKeyRetired.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setSelector(selector)
        .build();
  }

  public DomainUpdated domainVerified(long domainId) {
    return domainUpdated(domainId, DomainStatus.verified, null);
  }

  public DomainUpdated domainUpdated(long domainId, DomainStatus status, Boolean inbound) {
    return DomainUpdated.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(domainId)
        .setStatus(status)
        .setInboundEnabled(inbound)
        .build();
  }

  public DomainDeleted domainDeleted(long domainId) {
    return DomainDeleted.newBuilder().setEnvelope(envelope()).setDomainId(domainId).build();
  }

  /** As the API's expiry publishes it: actor kind system. */
  public DomainExpired domainExpired(long domainId) {
    Envelope envelope = envelope();
    envelope.setActor(
        Actor.newBuilder().setKind(ActorKind.system).setId("pending-domain-expiry").build());
    return DomainExpired.newBuilder().setEnvelope(envelope).setDomainId(domainId).build();
  }

  public MailboxCreated mailboxCreated(long mailboxId, long domainId, String localPart) {
    return MailboxCreated.newBuilder()
        .setEnvelope(envelope())
        .setMailboxId(mailboxId)
        .setPublicId("mb_" + mailboxId)
        .setDomainId(domainId)
        .setLocalPart(localPart)
        .setPasswordHash(HASH)
        .setDisplayName(null)
        .setQuotaBytes(1L << 30)
        .setWebhookEnabled(false)
        .build();
  }

  /** An empty patch; set the fields that change on the returned builder. */
  public MailboxUpdated.Builder mailboxUpdate(long mailboxId, long domainId) {
    return MailboxUpdated.newBuilder()
        .setEnvelope(envelope())
        .setMailboxId(mailboxId)
        .setDomainId(domainId);
  }

  public PasswordChanged passwordChanged(long mailboxId, long domainId, String hash) {
    return PasswordChanged.newBuilder()
        .setEnvelope(envelope())
        .setMailboxId(mailboxId)
        .setDomainId(domainId)
        .setPasswordHash(hash)
        .build();
  }

  public MailboxDeleted mailboxDeleted(long mailboxId, long domainId) {
    return MailboxDeleted.newBuilder()
        .setEnvelope(envelope())
        .setMailboxId(mailboxId)
        .setDomainId(domainId)
        .build();
  }

  public AliasCreated aliasCreated(long aliasId, long domainId, String localPart, long mailboxId) {
    return AliasCreated.newBuilder()
        .setEnvelope(envelope())
        .setAliasId(aliasId)
        .setPublicId("al_" + aliasId)
        .setDomainId(domainId)
        .setLocalPart(localPart)
        .setDestinationMailboxId(mailboxId)
        .build();
  }

  public AliasDeleted aliasDeleted(long aliasId, long domainId) {
    return AliasDeleted.newBuilder()
        .setEnvelope(envelope())
        .setAliasId(aliasId)
        .setDomainId(domainId)
        .build();
  }
}
