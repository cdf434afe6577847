package dev.poststack.api.problem;

/** One refused input member; the message never repeats the value (it may be a password). */
public record FieldError(String field, String message) {}
