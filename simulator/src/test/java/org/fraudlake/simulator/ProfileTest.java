package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fraudlake.simulator.SimulationConfig.LookalikeMix;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.SimulationConfig.SchemeMix;
import org.fraudlake.simulator.SimulationConfig.Volumes;
import org.fraudlake.simulator.delivery.FaultPlan;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.junit.jupiter.api.Test;

/** City profiles: the named ones, what they check, and the partners they leave outside. */
class ProfileTest {
    private static final SimulationConfig RIVERSIDE = new SimulationConfig(500, 9, 3L,
            SimulationConfig.DEFAULT_START, true).withProfile(Profile.RIVERSIDE);

    @Test
    void namedProfilesAreFoundByNameAndAnUnknownOneListsTheKnown() {
        assertSame(Profile.DEFAULT, Profile.named("default"));
        assertSame(Profile.RIVERSIDE, Profile.named(" Riverside "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.named("lakeside"));
        assertEquals("unknown city profile 'lakeside'; known profiles: default, riverside", e.getMessage());
        assertSame(Profile.DEFAULT, new SimulationConfig(10, 1, 1L, SimulationConfig.DEFAULT_START, false).profile());
    }

    @Test
    void theDefaultProfileIsTodaysCity() {
        assertEquals(5, Profile.DEFAULT.partnerBanks());
        assertEquals(3, Profile.DEFAULT.partnerCarriers());
        assertEquals(new Volumes(1.0, 0.06, 1.0, 1.0), Profile.DEFAULT.volumes());
        assertEquals(new SchemeMix(30_000, 50_000, 25_000, 50_000, 60_000, 60_000, 50_000, 30_000),
                Profile.DEFAULT.schemes());
        assertEquals(new LookalikeMix(1.0, 1.0, 0, 0, 0, 0, 0), Profile.DEFAULT.lookalikes());
    }

    @Test
    void riversideDiffersInEveryPart() {
        Profile r = Profile.RIVERSIDE;
        assertEquals(4, r.partnerBanks());
        assertEquals(2, r.partnerCarriers());
        assertNotEquals(Profile.DEFAULT.volumes(), r.volumes());
        assertNotEquals(Profile.DEFAULT.schemes(), r.schemes());
        LookalikeMix m = r.lookalikes();
        assertTrue(m.courierCalls() > 1 && m.salesCalls() > 1 && m.riders() > 0 && m.staffBatches() > 0
                && m.familyPayers() > 0 && m.merchantSweeps() > 0 && m.legalFreezes() > 0, "heavier: " + m);
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndValue() {
        Volumes v = Volumes.DEFAULT;
        SchemeMix s = SchemeMix.DEFAULT;
        LookalikeMix l = LookalikeMix.DEFAULT;
        assertEquals("partnerBanks must be 1-5, got 6", assertThrows(IllegalArgumentException.class,
                () -> new Profile("x", 6, 3, v, s, l)).getMessage());
        assertEquals("partnerCarriers must be 1-3, got 0", assertThrows(IllegalArgumentException.class,
                () -> new Profile("x", 5, 0, v, s, l)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Profile("Big City", 5, 3, v, s, l))
                .getMessage().contains("'Big City'"));
        assertEquals("secondPhone is a share in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new Volumes(1, 1.5, 1, 1)).getMessage());
        assertEquals("callRate is a factor in (0, 5], got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new Volumes(1, 0.06, 0, 1)).getMessage());
        assertEquals("schemes.bidRigging is persons per scheme, at least 1,000, got 10",
                assertThrows(IllegalArgumentException.class,
                        () -> new SchemeMix(30_000, 50_000, 25_000, 50_000, 60_000, 60_000, 10, 30_000)).getMessage());
        assertEquals("riders is a share in [0, 1], got -0.1", assertThrows(IllegalArgumentException.class,
                () -> new LookalikeMix(1, 1, -0.1, 0, 0, 0, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LookalikeMix(1, 1, 0, 0, 0, 0, 0.5))
                .getMessage().startsWith("legalFreezes"));
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(10, 1, 1L,
                SimulationConfig.DEFAULT_START, false, SimulationConfig.Freedoms.DEFAULT, null));
    }

    @Test
    void partnersBeyondTheProfilesCountsNeverDeliverAndTheirFaultsMove() {
        FaultPlan faults = FaultPlan.standard(RIVERSIDE.days(), RIVERSIDE.profile());
        FreedomPlan plan = new FreedomPlan(RIVERSIDE, faults::touches);
        for (int d = 0; d < RIVERSIDE.days(); d++) {
            for (String outside : List.of("BANK_E", "CARRIER_Z")) {
                assertTrue(!plan.delivers(outside, d) && !plan.firstDelivery(outside, d), outside + " day " + d);
            }
        }
        assertEquals(FreedomPlan.NEVER, plan.joinDay("BANK_E"));
        assertEquals(0, plan.joinDay("BANK_D"), "no late joiner among riverside's partners");
        assertTrue(List.of("BANK_A", "BANK_B", "BANK_C", "BANK_D", "CARRIER_X", "CARRIER_Y")
                .contains(plan.silentSource()));
        assertTrue(faults.touches("CARRIER_Y", 3), "CARRIER_Z's bad record goes to CARRIER_Y");
        assertTrue(!faults.touches("CARRIER_Z", 3));
        assertTrue(FaultPlan.standard(9).touches("CARRIER_Z", 3), "the default city keeps it");
    }
}
