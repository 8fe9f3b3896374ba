package io.interchange.platform;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI metadata of the whole API; the security scheme every protected operation refers to. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Interchange API",
                        version = "1.0",
                        description =
                                "Government data-sharing hub: departments publish a catalogue, others request access, "
                                        + "data officers decide within legal deadlines, and every approved query is brokered, masked "
                                        + "and written to a tamper-evident ledger. Errors are application/problem+json (RFC 9457) "
                                        + "with a stable `type` and `code`.",
                        license = @License(name = "Apache-2.0")))
@SecurityScheme(
        securitySchemeName = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "An OIDC access token; in demo mode one from POST /demo/oauth/token. The department comes from "
                + "the `department` claim, roles from `groups` or `realm_access.roles`.")
public class InterchangeApi extends Application {}
