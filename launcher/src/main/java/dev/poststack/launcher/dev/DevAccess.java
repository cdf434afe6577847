package dev.poststack.launcher.dev;

/**
 * What the dev summary prints for reaching the stack: the dev team's API key, and the dashboard
 * member's address and password.
 */
record DevAccess(String apiKey, String memberEmail, String memberPassword) {
  @Override
  public String toString() {
    return "DevAccess[" + memberEmail + "]";
  }
}
