package io.interchange.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.HubConfig;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** R25 Art. 29: usage records are kept at least 3 years; a shorter setting stops the hub at start. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageRetentionCheckTest {

    private static GrantService withRetention(int years) {
        HubConfig.Access access = (HubConfig.Access) Proxy.newProxyInstance(
                HubConfig.Access.class.getClassLoader(), new Class<?>[] {HubConfig.Access.class}, (p, m, a) -> {
                    if (m.getName().equals("usageRetentionYears")) {
                        return years;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        HubConfig config = (HubConfig) Proxy.newProxyInstance(
                HubConfig.class.getClassLoader(), new Class<?>[] {HubConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("access")) {
                        return access;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        GrantService service = new GrantService();
        service.config = config;
        return service;
    }

    @Test
    void three_years_or_more_is_accepted() {
        assertDoesNotThrow(() -> withRetention(3).checkRetention(null));
        assertDoesNotThrow(() -> withRetention(10).checkRetention(null));
    }

    @Test
    void fewer_than_three_years_stops_the_start() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> withRetention(2).checkRetention(null));
        assertTrue(e.getMessage().contains("interchange.access.usage-retention-years is 2"), e.getMessage());
    }
}
