package dev.poststack.api.webhook.delivery;

/** An active webhook that subscribed to the event at hand. */
record Subscriber(long webhookId, long teamId, boolean includeBodies) {}
