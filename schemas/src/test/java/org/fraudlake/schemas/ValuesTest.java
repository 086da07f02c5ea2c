package org.fraudlake.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static Column col(FeedSchema f, String name) {
        return f.column(name).orElseThrow();
    }

    private static Problem problem(Column c, String raw) {
        return assertThrows(BadValueException.class, () -> Values.parse(c, raw)).problem();
    }

    @Test
    void timesNeedAnOffsetAndAcceptEveryIsoForm() throws BadValueException {
        Column t = col(BankTransactions.FEED, BankTransactions.TXN_TIME);
        Instant expected = Instant.parse("2026-11-27T13:04:05Z");
        assertEquals(expected, Values.parse(t, "2026-11-27T21:04:05+08:00"));
        assertEquals(expected, Values.parse(t, "2026-11-27T21:04:05+0800"));
        assertEquals(expected, Values.parse(t, "2026-11-27T21:04:05+08"));
        assertEquals(expected, Values.parse(t, " 2026-11-27T13:04:05Z "));
        assertEquals(Instant.parse("2026-11-27T13:04:05.250Z"), Values.parse(t, "2026-11-27T13:04:05.250Z"));
        assertEquals(Problem.BAD_TIME, problem(t, "2026-11-27T13:04:05"));
        assertEquals(Problem.BAD_TIME, problem(t, "27/11/2026 13:04"));
        assertEquals(Problem.MISSING_VALUE, problem(t, ""));
    }

    @Test
    void amountsHaveAtMostTwoDecimalsAndArePositive() throws BadValueException {
        Column amount = col(BankTransactions.FEED, BankTransactions.AMOUNT);
        assertEquals(new BigDecimal("500.00"), Values.parse(amount, "500"));
        assertEquals(new BigDecimal("12.50"), Values.parse(amount, "12.5"));
        assertEquals(Problem.BAD_VALUE, problem(amount, "12.345"));
        assertEquals(Problem.BAD_VALUE, problem(amount, "1,000"));
        assertEquals(Problem.NOT_POSITIVE, problem(amount, "0"));
        assertEquals(Problem.NOT_POSITIVE, problem(amount, "-5"));
        Column balance = col(BankTransactions.FEED, BankTransactions.BALANCE_AFTER);
        assertEquals(new BigDecimal("-20.00"), Values.parse(balance, "-20"));
        assertNull(Values.parse(balance, " "));
    }

    @Test
    void enumsAndBooleansIgnoreCaseAndSpaces() throws BadValueException {
        assertEquals("MOBILE", Values.parse(col(BankTransactions.FEED, BankTransactions.CHANNEL), " mobile "));
        assertEquals(Problem.BAD_ENUM, problem(col(BankTransactions.FEED, BankTransactions.CHANNEL), "PHONE"));
        Column intl = col(CallRecords.FEED, CallRecords.INTERNATIONAL);
        assertEquals(true, Values.parse(intl, "TRUE"));
        assertEquals(false, Values.parse(intl, "0"));
        assertEquals(Problem.BAD_VALUE, problem(intl, "yes"));
        assertEquals(Problem.NEGATIVE_VALUE, problem(col(CallRecords.FEED, CallRecords.DURATION_S), "-1"));
        assertEquals(LocalDate.of(2026, 2, 28),
                Values.parse(col(Feeds.BankAccounts.FEED, Feeds.BankAccounts.OPEN_DATE), "2026-02-28"));
        assertEquals(Problem.BAD_VALUE, problem(col(Feeds.BankAccounts.FEED, Feeds.BankAccounts.OPEN_DATE), "2026-02-30"));
    }

    @Test
    void contractHasEveryFeedWithPiiMarked() {
        assertEquals(9, Feeds.ALL.size());
        assertTrue(Feeds.BankAccounts.FEED.column("Account_No ").orElseThrow().pii());
        assertEquals(Feeds.BankTransactions.FEED, Feeds.byName("bank_transactions"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Feeds.byName("bank"));
        assertTrue(e.getMessage().contains("bank_accounts"));
    }
}
