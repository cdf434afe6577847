package dev.poststack.agent.activity;

/**
 * How far the agent forwarded the Dovecot log: the file's identity (device and inode) and the byte
 * offset after the last line sent. A different identity means the file was replaced, a size below
 * the offset that it was truncated: both start again at 0.
 */
record LogPosition(String fileKey, long offset) {
  public LogPosition {
    if (fileKey == null || offset < 0) {
      throw new IllegalArgumentException("a log position needs a file key and an offset >= 0");
    }
  }
}
