package io.interchange.platform;

/** One refused input member: {@code field} is its JSON path (e.g. {@code items[2].type}). */
public record FieldError(String field, String message) {}
