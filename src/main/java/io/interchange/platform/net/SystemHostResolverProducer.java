package io.interchange.platform.net;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The default {@link HostResolver}; tests provide their own bean and this one steps aside. */
@ApplicationScoped
class SystemHostResolverProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    HostResolver resolver() {
        return HostResolver.system();
    }
}
