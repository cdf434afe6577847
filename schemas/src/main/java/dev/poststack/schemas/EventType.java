package dev.poststack.schemas;

import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.schemas.event.DkimKeyRetired;
import dev.poststack.schemas.event.DkimRecordSeen;
import dev.poststack.schemas.event.DkimRotationActivated;
import dev.poststack.schemas.event.DkimRotationCancelled;
import dev.poststack.schemas.event.DkimRotationStarted;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainDeleted;
import dev.poststack.schemas.event.DomainExpired;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.PasswordChanged;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The closed family of provisioning events; the name is what the audit log records. */
public enum EventType {
  DOMAIN_CREATED(DomainCreated.class, DomainCreated.getClassSchema()),
  DOMAIN_UPDATED(DomainUpdated.class, DomainUpdated.getClassSchema()),
  DOMAIN_DELETED(DomainDeleted.class, DomainDeleted.getClassSchema()),
  DOMAIN_EXPIRED(DomainExpired.class, DomainExpired.getClassSchema()),
  MAILBOX_CREATED(MailboxCreated.class, MailboxCreated.getClassSchema()),
  MAILBOX_UPDATED(MailboxUpdated.class, MailboxUpdated.getClassSchema()),
  PASSWORD_CHANGED(PasswordChanged.class, PasswordChanged.getClassSchema()),
  MAILBOX_DELETED(MailboxDeleted.class, MailboxDeleted.getClassSchema()),
  ALIAS_CREATED(AliasCreated.class, AliasCreated.getClassSchema()),
  ALIAS_DELETED(AliasDeleted.class, AliasDeleted.getClassSchema()),
  DKIM_ROTATION_STARTED(DkimRotationStarted.class, DkimRotationStarted.getClassSchema()),
  DKIM_RECORD_SEEN(DkimRecordSeen.class, DkimRecordSeen.getClassSchema()),
  DKIM_ROTATION_ACTIVATED(DkimRotationActivated.class, DkimRotationActivated.getClassSchema()),
  DKIM_ROTATION_CANCELLED(DkimRotationCancelled.class, DkimRotationCancelled.getClassSchema()),
  DKIM_KEY_RETIRED(DkimKeyRetired.class, DkimKeyRetired.getClassSchema());

  private final Class<? extends SpecificRecord> recordClass;
  private final Schema schema;

  EventType(Class<? extends SpecificRecord> recordClass, Schema schema) {
    this.recordClass = recordClass;
    this.schema = schema;
  }

  /** The event's name as written in the audit log, e.g. {@code MailboxCreated}. */
  public String eventName() {
    return recordClass.getSimpleName();
  }

  public Class<? extends SpecificRecord> recordClass() {
    return recordClass;
  }

  public Schema currentSchema() {
    return schema;
  }

  public static EventType of(SpecificRecord event) {
    return Arrays.stream(values())
        .filter(t -> t.recordClass == event.getClass())
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("not a provisioning event: " + event.getClass()));
  }
}
