package io.interchange.platform;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: department, application and roles from the verified token. The role says what a caller may do;
 * the department says to whose data — services check both.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    HubConfig config;

    /** The caller's department id; a token without one may not act on departmental data. */
    public String department() {
        Object claim = token.getClaim(config.identity().departmentClaim());
        String department = claim == null ? null : claim.toString().replace("\"", "");
        if (department == null || department.isBlank()) {
            throw ApiException.forbidden(
                    ErrorCode.NO_DEPARTMENT,
                    "the token carries no '" + config.identity().departmentClaim() + "' claim naming a department");
        }
        return department;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** hub-admin and hub-auditor read every department's requests, grants and records. */
    public boolean hubWide() {
        return is(Roles.HUB_ADMIN) || is(Roles.HUB_AUDITOR);
    }

    /** The application the token was issued to (OIDC {@code azp}, else {@code client_id}). */
    public String clientId() {
        for (String claim : new String[] {"azp", "client_id", "clientId"}) {
            Object value = token.getClaim(claim);
            if (value != null) {
                return value.toString().replace("\"", "");
            }
        }
        return null;
    }

    /** The person behind the call, when the token was issued to a person rather than to an application. */
    public String user() {
        String username = token.getClaim("preferred_username");
        if (username == null || username.startsWith("service-account-")) {
            return null;
        }
        return username;
    }

    /** A readable actor for records: the user when there is one, else the application. */
    public String actor() {
        String user = user();
        if (user != null) {
            return user;
        }
        String client = clientId();
        return client != null ? client : token.getSubject();
    }
}
