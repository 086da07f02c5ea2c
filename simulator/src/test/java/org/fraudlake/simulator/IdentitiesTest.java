package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fraudlake.simulator.city.IdentityFactory;
import org.fraudlake.simulator.delivery.Formats.AmountStyle;
import org.fraudlake.simulator.delivery.Formats.TimeStyle;
import org.fraudlake.simulator.delivery.Formats;
import org.fraudlake.simulator.model.Enums.AccountType;
import org.fraudlake.simulator.util.Rand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitiesTest {

    @Test
    void idNumbersCarryBirthDateSexAndAValidCheckCharacter() {
        IdentityFactory ids = new IdentityFactory();
        String id = ids.idNumber("510104", LocalDate.of(1956, 3, 7), true);
        assertEquals(18, id.length());
        assertEquals("19560307", id.substring(6, 14));
        assertEquals(1, (id.charAt(16) - '0') % 2, "odd sequence for men");
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * w[i];
        }
        assertEquals("10X98765432".charAt(sum % 11), id.charAt(17));
    }

    @Test
    void creditCodesAndCardNumbersAreValidAndUnique() {
        IdentityFactory ids = new IdentityFactory();
        Rand r = Rand.of(1, "test");
        Set<String> seen = new HashSet<>();
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        for (int i = 0; i < 2_000; i++) {
            String uscc = ids.uscc("510104");
            int sum = 0;
            for (int k = 0; k < 17; k++) {
                sum += chars.indexOf(uscc.charAt(k)) * w[k];
            }
            assertEquals(chars.charAt((31 - sum % 31) % 31), uscc.charAt(17), uscc);
            String card = ids.accountNumber(i % 5, AccountType.DEBIT, 7);
            assertEquals(19, card.length());
            assertTrue(luhnValid(card), card);
            String mobile = ids.mobile(i % 3, r);
            assertTrue(mobile.matches("1\\d{10}"), mobile);
            assertTrue(seen.add(uscc) && seen.add(card) && seen.add(mobile));
        }
        assertTrue(IdentityFactory.overseas(r).matches("\\+\\d{9,13}"));
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    @Test
    void valuesAreWrittenInEachAllowedForm() {
        long t = LocalDate.of(2026, 11, 27).toEpochDay() * 86_400_000L + 13 * 3_600_000L + 4 * 60_000 + 5_250;
        assertEquals("2026-11-27T21:04:05+08:00", Formats.time(t, TimeStyle.OFFSET));
        assertEquals("2026-11-27T13:04:05.250Z", Formats.time(t, TimeStyle.UTC_MILLIS));
        assertEquals("2026-11-27T21:04:05.250+08:00", Formats.time(t, TimeStyle.OFFSET_MILLIS));
        assertEquals("12.5", Formats.amount(1_250, AmountStyle.MINIMAL));
        assertEquals("500", Formats.amount(50_000, AmountStyle.MINIMAL));
        assertEquals("12.05", Formats.amount(1_205, AmountStyle.MINIMAL));
        assertEquals("12.50", Formats.amount(1_250, AmountStyle.TWO_DECIMALS));
        assertEquals("-0.50", Formats.amount(-50, AmountStyle.INTEGER_OR_TWO));
        assertEquals("Account_No", Formats.header("account_no", Formats.HeaderCase.TITLE));
    }

    @Test
    void aTinyCityStillDeliversEverything(@TempDir Path lake) throws Exception {
        SimulationConfig config = new SimulationConfig(3, 2, 1L, SimulationConfig.DEFAULT_START, true);
        SimulationSummary s = Cities.simulate(lake, config);
        assertEquals(Cities.expectedDeliveries(config), s.deliveries());
        assertEquals(List.of(), new LandingCheck(lake).run(row -> { }).findings().stream()
                .filter(f -> f.reason().equals(LandingCheck.UNKNOWN_COLUMN)).toList());
    }
}
