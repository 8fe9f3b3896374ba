package io.interchange.platform;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Marks every response of a hub in demo identity mode, so nobody mistakes it for a production hub. */
@ApplicationScoped
public class DemoModeHeader {

    public static final String HEADER = "X-Interchange-Mode";

    void install(@Observes Router router, HubConfig config) {
        if (!config.demo().active()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            rc.response().putHeader(HEADER, "demo");
            rc.next();
        });
    }
}
