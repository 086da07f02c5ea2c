package org.fraudlake.simulator.model;

import java.time.LocalDate;
import org.fraudlake.simulator.model.Enums.AccountStatus;
import org.fraudlake.simulator.model.Enums.AccountType;

/**
 * A bank account at a partner bank or an outside bank, with its running balance (cents). Credit accounts
 * may go negative down to their limit. Holder identity is copied in, so rows can be written from another
 * thread while the city lives on.
 */
public final class Account {
    private final int id;
    private final int bank;
    private final String number;
    private final AccountType type;
    private final boolean companyHolder;
    private final int holder;
    private final String holderId;
    private final String holderName;
    private final LocalDate holderBirth;
    private final LocalDate openDate;
    private final String branch;
    private final long creditLimit;
    private final boolean bankCodeHidden;
    private String phone;
    private AccountStatus status;
    private long balance;
    private long updatedAt;
    private int touchedDay = -1;

    public Account(int id, int bank, String number, AccountType type, boolean companyHolder, int holder,
                   String holderId, String holderName, LocalDate holderBirth, LocalDate openDate, String branch,
                   long creditLimit, String phone, long updatedAt) {
        this.id = id;
        this.bank = bank;
        this.number = number;
        this.type = type;
        this.companyHolder = companyHolder;
        this.holder = holder;
        this.holderId = holderId;
        this.holderName = holderName;
        this.holderBirth = holderBirth;
        this.openDate = openDate;
        this.branch = branch;
        this.creditLimit = creditLimit;
        this.phone = phone;
        this.status = AccountStatus.ACTIVE;
        this.updatedAt = updatedAt;
        this.bankCodeHidden = !Parties.isPartner(bank) && Math.floorMod(number.hashCode(), 9) == 0;
    }

    public int id() {
        return id;
    }

    public int bank() {
        return bank;
    }

    public boolean atPartner() {
        return Parties.isPartner(bank);
    }

    public String number() {
        return number;
    }

    /** {@code BANK:account_no}, the account's identifier in incidents, case labels and truth. */
    public String key() {
        return Parties.bankCode(bank) + ":" + number;
    }

    /** The bank code a counterparty column shows: the code, or empty for some outside banks. */
    public String shownBankCode() {
        return bankCodeHidden ? "" : Parties.bankCode(bank);
    }

    public AccountType type() {
        return type;
    }

    public boolean companyHolder() {
        return companyHolder;
    }

    /** Person or company id of the holder. */
    public int holder() {
        return holder;
    }

    public String holderId() {
        return holderId;
    }

    public String holderName() {
        return holderName;
    }

    public LocalDate holderBirth() {
        return holderBirth;
    }

    public LocalDate openDate() {
        return openDate;
    }

    public String branch() {
        return branch;
    }

    public long creditLimit() {
        return creditLimit;
    }

    public String phone() {
        return phone;
    }

    public void phone(String value) {
        this.phone = value;
    }

    public AccountStatus status() {
        return status;
    }

    public void status(AccountStatus value) {
        this.status = value;
    }

    /** Whether money can move in or out (dormant accounts wake up when used). */
    public boolean usable() {
        return status == AccountStatus.ACTIVE || status == AccountStatus.DORMANT;
    }

    public long balance() {
        return balance;
    }

    public void balance(long cents) {
        this.balance = cents;
    }

    /** What can be spent now: the balance, plus the limit on credit accounts. */
    public long available() {
        return balance + creditLimit;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public void updatedAt(long epochMs) {
        this.updatedAt = epochMs;
    }

    public int touchedDay() {
        return touchedDay;
    }

    public void touchedDay(int day) {
        this.touchedDay = day;
    }
}
