package dev.poststack.dashboard.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MailboxRowTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void aChangeAppliedEverywhereReadsLiveAndOneStillPendingNamesTheHost() {
    assertThat(MailboxRow.propagation(json("{'hosts':3,'applied':3,'pending':[]}")))
        .isEqualTo("live on 3 of 3 hosts");
    assertThat(MailboxRow.propagation(json("{'hosts':1,'applied':1,'pending':[]}")))
        .isEqualTo("live on 1 of 1 host");
    assertThat(MailboxRow.propagation(json("{'hosts':3,'applied':1,'pending':['mh-2','mh-3']}")))
        .isEqualTo("pending on mh-2, mh-3 (1 of 3 hosts)");
    assertThat(MailboxRow.live(json("{'hosts':3,'applied':2,'pending':['mh-2']}"))).isFalse();
    assertThat(MailboxRow.propagation(json("{'hosts':0,'applied':0,'pending':[]}")))
        .isEqualTo("no mail host is live");
    assertThat(MailboxRow.live(json("{'hosts':0,'applied':0,'pending':[]}"))).isFalse();
  }

  @Test
  void usageIsShownAgainstTheQuotaAndAMailboxWithoutAReportSaysSo() {
    MailboxRow reported =
        MailboxRow.of(
            json(
                "{'id':1,'publicId':'mb_1','emailAddress':'a@x.example','status':'active',"
                    + "'quotaBytes':1073741824,'usedBytes':268435456,'lastLoginAt':'2026-12-03T10:15:00Z'}"));
    assertThat(reported.usage()).isEqualTo("256 MB of 1 GB");
    assertThat(reported.usagePercent()).isEqualTo(25);
    assertThat(reported.lastLogin()).isEqualTo("2026-12-03 10:15 UTC");
    MailboxRow fresh =
        MailboxRow.of(
            json(
                "{'id':2,'publicId':'mb_2','emailAddress':'b@x.example','status':'active',"
                    + "'quotaBytes':536870912,'usedBytes':null,'lastLoginAt':null}"));
    assertThat(fresh.usage()).isEqualTo("no report yet");
    assertThat(fresh.usagePercent()).isEqualTo(-1);
    assertThat(fresh.lastLogin()).isEqualTo("never");
    assertThat(fresh.propagation()).isEmpty();
  }

  @Test
  void historyNamesWhoActedAndWhatChangedWithoutEverShowingAPassword() {
    HistoryRow byMember =
        HistoryRow.of(
            json(
                "{'type':'MailboxUpdated','occurredAt':'2026-12-03T10:00:00Z','outcome':'applied',"
                    + "'actor':{'kind':'member','id':'7','name':'ann@team.example'},"
                    + "'sourceIp':'203.0.113.9','userAgent':'Firefox',"
                    + "'changes':{'status':{'from':'active','to':'suspended'},'password':'changed'}}"));
    assertThat(byMember.actor()).isEqualTo("ann@team.example");
    assertThat(byMember.from()).isEqualTo("203.0.113.9 · Firefox");
    assertThat(byMember.changes()).isEqualTo("status: active → suspended; password: changed");
    assertThat(byMember.label()).isEqualTo("Updated");
    assertThat(HistoryRow.actor(json("{'kind':'api_key','keyId':3,'name':'backend'}")))
        .isEqualTo("API key “backend”");
    assertThat(HistoryRow.actor(json("{'kind':'operator','id':'root'}"))).isEqualTo("operator");
  }
}
