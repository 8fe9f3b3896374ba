package io.interchange.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP limit is sized for streamed hosted-data loads (gigabytes of CSV); every other body is a small JSON command
 * read into memory, so anything larger than a command can be is refused before it is read.
 */
public class CommandSizeLimit {

    /** Looked up per request: filters are created before runtime configuration is bound. */
    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<HubConfig> config;

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        long maxCommandBytes = config.get().maxCommandBytes();
        int length = request.getLength();
        if (length <= maxCommandBytes || request.getUriInfo().getPath().endsWith("/records")) {
            return;
        }
        throw new ApiException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "a command may be at most " + maxCommandBytes + " bytes; hosted rows go to …/records",
                List.of(new FieldError("body", "is " + length + " bytes")));
    }
}
