package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Configuration is read key by key: a bad value is logged and replaced, never fatal. */
class RulesComponentTest {

    static RulesConfig config(int warningDays, int criticalDays, String timeZone) {
        return new RulesConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RulesConfig.class;
            }

            @Override
            public int warningDays() {
                return warningDays;
            }

            @Override
            public int criticalDays() {
                return criticalDays;
            }

            @Override
            public String timeZone() {
                return timeZone;
            }

            @Override
            public String storageFolder() {
                return "";
            }
        };
    }

    @Test
    void configuredValuesAreUsed() {
        RuleSettings s = RulesComponent.settings(config(60, 0, " Asia/Shanghai "));
        assertEquals(new RuleSettings(60, 0, ZoneId.of("Asia/Shanghai")), s);
    }

    @Test
    void emptyTimeZoneIsTheSystemZone() {
        assertEquals(ZoneId.systemDefault(), RulesComponent.settings(config(30, 5, "")).timeZone());
    }

    @Test
    void invalidTimeZoneIsTheSystemZone() {
        RuleSettings s = RulesComponent.settings(config(30, 5, "Mars/Olympus_Mons"));
        assertEquals(new RuleSettings(30, 5, ZoneId.systemDefault()), s);
    }

    @Test
    void negativeDaysKeepTheDefaults() {
        RuleSettings s = RulesComponent.settings(config(-1, -3, "UTC"));
        assertEquals(new RuleSettings(30, 5, ZoneId.of("UTC")), s);
    }
}
