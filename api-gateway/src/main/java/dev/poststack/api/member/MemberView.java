package dev.poststack.api.member;

import dev.poststack.api.http.Timestamps;
import java.time.Instant;

/** A member as the API shows it: never a password or its hash. */
record MemberView(long id, String email, long teamId, String teamName, String createdAt) {
  static MemberView of(long id, String email, long teamId, String teamName, Instant createdAt) {
    return new MemberView(id, email, teamId, teamName, Timestamps.format(createdAt));
  }
}
