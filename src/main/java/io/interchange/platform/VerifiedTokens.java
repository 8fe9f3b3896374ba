package io.interchange.platform;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer tokens the OIDC provider has verified, remembered until they expire. An application sends the same access
 * token on every call for its whole lifetime; without this the hub parsed it and checked its signature on each request,
 * about a quarter of the hub's CPU per brokered query (JFR under B1b load). The entry is keyed by the exact token text
 * and the OIDC tenant, holds only what verification produced, and is used only while the token's own {@code exp} is in
 * the future and for at most {@code interchange.identity.verified-token-ttl} (60 s by default; 0 turns this off), so a
 * key withdrawn from the provider's key set stops being honoured within that time. Tokens that fail verification are
 * never remembered: they go to the OIDC provider every time.
 *
 * <p>Two roles in one bean: as an {@link IdentityProvider} tried before OIDC's own, it answers a known token (or
 * nothing, and OIDC verifies it); as an {@link SecurityIdentityAugmentor} it remembers what OIDC verified.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** OIDC's own identity attribute: the token's {@code exp}, in epoch seconds. */
    static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    /** Marks an identity served from here, so the augmentor does not store it again. */
    static final String REMEMBERED = VerifiedTokens.class.getName();

    /** OIDC's routing-context attribute naming the tenant a token was verified for. */
    private static final String TENANT_ID = "tenant-id";

    private static final int MAX_ENTRIES = 10_000;

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {}

    private record Key(String tenant, String token) {}

    private final Map<Key, Verified> verified = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final long ttlMillis;

    VerifiedTokens(
            @ConfigProperty(name = "interchange.identity.verified-token-ttl", defaultValue = "60s") Duration ttl) {
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before OIDC's provider (default priority 1001): a miss falls through to it. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (ttlMillis <= 0 || routing == null || !(request.getToken() instanceof AccessTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        Key key = new Key(
                String.valueOf((Object) routing.get(TENANT_ID)),
                request.getToken().getToken());
        Verified hit = verified.get(key);
        if (hit == null) {
            return Uni.createFrom().nullItem();
        }
        if (System.currentTimeMillis() >= hit.expiresAtMillis()) {
            verified.remove(key, hit);
            return Uni.createFrom().nullItem();
        }
        hits.increment();
        // The remembered identity with this request's own context, as OIDC would have built it now.
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(hit.identity())
                        .addAttribute(RoutingContext.class.getName(), routing)
                        .addAttribute(AuthenticationRequestContext.class.getName(), context)
                        .addAttribute(REMEMBERED, Boolean.TRUE)
                        .build());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(
            SecurityIdentity identity, AuthenticationRequestContext context, Map<String, Object> attributes) {
        if (ttlMillis > 0 && !identity.isAnonymous() && identity.getAttribute(REMEMBERED) == null) {
            remember(identity);
        }
        return Uni.createFrom().item(identity);
    }

    private void remember(SecurityIdentity identity) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(identity);
        Object exp = identity.getAttribute(EXPIRE_TIME);
        if (token == null || routing == null || !(exp instanceof Number seconds)) {
            return; // not a verified bearer token with an expiry: nothing to remember
        }
        long until = Math.min(seconds.longValue() * 1000, System.currentTimeMillis() + ttlMillis);
        if (until <= System.currentTimeMillis()) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            // over the bound, forget arbitrary entries: a miss costs one verification, nothing else
            Iterator<Key> keys = verified.keySet().iterator();
            for (int i = 0; i < MAX_ENTRIES / 10 && keys.hasNext(); i++) {
                keys.next();
                keys.remove();
            }
        }
        // Kept without this request's objects (authenticate() puts the next request's back), so nothing of a finished
        // request is held.
        SecurityIdentity kept = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), null)
                .addAttribute(AuthenticationRequestContext.class.getName(), null)
                .build();
        verified.put(
                new Key(String.valueOf((Object) routing.get(TENANT_ID)), token.getToken()), new Verified(kept, until));
    }

    /** Requests answered from memory so far (tests, diagnostics). */
    public long hits() {
        return hits.sum();
    }
}
