package io.interchange.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of a list: {@code nextCursor} is absent on the last page. */
public record Page<T>(
        List<T> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {}
