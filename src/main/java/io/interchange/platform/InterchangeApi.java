package io.interchange.platform;

import io.interchange.platform.idempotency.Idempotent;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * OpenAPI metadata of the whole API; the security scheme every protected operation refers to, and the
 * {@code Idempotency-Key} header each creating POST refers to (one definition, so client generators make one type).
 */
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
                        license = @License(name = "Apache-2.0")),
        components =
                @Components(
                        parameters =
                                @Parameter(
                                        name = Idempotent.HEADER,
                                        in = ParameterIn.HEADER,
                                        description = Idempotent.HEADER_DESCRIPTION,
                                        schema = @Schema(type = SchemaType.STRING, maxLength = 128))))
@SecurityScheme(
        securitySchemeName = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "An OIDC access token; in demo mode one from POST /demo/oauth/token. The department comes from "
                + "the `department` claim, roles from `groups` or `realm_access.roles`.")
public class InterchangeApi extends Application {}
