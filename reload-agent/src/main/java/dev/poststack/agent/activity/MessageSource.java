package dev.poststack.agent.activity;

import java.util.List;
import java.util.Optional;

/** Reads a delivered message back from the host's mail store, after the delivery. */
interface MessageSource {
  /** A message and the GUID of the folder it is in. */
  record Found(String folderGuid, MessageFields fields) {}

  /** Empty when the message is gone (expunged, mailbox deleted) or cannot be read. */
  Optional<Found> message(String user, String folder, long uid);

  /** The folder's GUID, when the message itself is gone. */
  Optional<String> folderGuid(String user, String folder);

  /** The mailbox's usage as its quota root counts it now (after deliveries). */
  Optional<ActivityRow.Usage> usage(String user);

  /** Every mailbox's usage (the periodic sweep); empty when it cannot be read. */
  List<ActivityRow.Usage> allUsage();
}
