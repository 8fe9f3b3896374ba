package io.interchange.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects every problem of one input before refusing it, so a client learns all of them at once. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Validation requireText(String value, String field) {
        return require(value != null && !value.isBlank(), field, "is required");
    }

    public Validation requireText(String value, String field, int maxLength) {
        requireText(value, field);
        return require(
                value == null || value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
    }

    public Validation requireNonEmpty(Collection<?> value, String field) {
        return require(value != null && !value.isEmpty(), field, "must not be empty");
    }

    public Validation add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws 422 naming every invalid member; does nothing when the input is valid. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
