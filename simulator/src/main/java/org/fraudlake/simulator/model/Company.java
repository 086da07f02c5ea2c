package org.fraudlake.simulator.model;

import java.time.LocalDate;
import java.util.Arrays;
import org.fraudlake.simulator.model.Enums.CompanyKind;
import org.fraudlake.simulator.model.Enums.CompanyStatus;

/**
 * A company: unified social credit code, registry data (legal representative, capital, address, phone),
 * its main account, employees and payday. Firms outside the city (platforms, clients) are not in the
 * city's registry.
 */
public final class Company {
    private static final int[] NONE = new int[0];
    private final int id;
    private final String uscc;
    private final String name;
    private final CompanyKind kind;
    private final String legalRepId;
    private final long capital;
    private final LocalDate regDate;
    private final String address;
    private final String phone;
    private final int district;
    private final boolean registered;
    private CompanyStatus status = CompanyStatus.ACTIVE;
    private int account = -1;
    private int[] employees = NONE;
    private int[] phones = NONE;
    private int payday = 15;
    private String officeIp;
    private long pendingSettlement;
    private long updatedAt;
    private int touchedDay = -1;

    public Company(int id, String uscc, String name, CompanyKind kind, String legalRepId, long capital,
                   LocalDate regDate, String address, String phone, int district, boolean registered) {
        this.id = id;
        this.uscc = uscc;
        this.name = name;
        this.kind = kind;
        this.legalRepId = legalRepId;
        this.capital = capital;
        this.regDate = regDate;
        this.address = address;
        this.phone = phone;
        this.district = district;
        this.registered = registered;
    }

    public int id() {
        return id;
    }

    public String uscc() {
        return uscc;
    }

    public String name() {
        return name;
    }

    public CompanyKind kind() {
        return kind;
    }

    public String legalRepId() {
        return legalRepId;
    }

    public long capital() {
        return capital;
    }

    public LocalDate regDate() {
        return regDate;
    }

    public String address() {
        return address;
    }

    public String phone() {
        return phone;
    }

    public int district() {
        return district;
    }

    /** Whether the city's market regulator lists it. */
    public boolean registered() {
        return registered;
    }

    public CompanyStatus status() {
        return status;
    }

    public void status(CompanyStatus value) {
        this.status = value;
    }

    public int account() {
        return account;
    }

    public void account(int accountId) {
        this.account = accountId;
    }

    public int[] employees() {
        return employees;
    }

    public void addEmployee(int personId) {
        employees = Arrays.copyOf(employees, employees.length + 1);
        employees[employees.length - 1] = personId;
    }

    /** Mobile numbers registered to the company (couriers' work numbers, sales lines). */
    public int[] phones() {
        return phones;
    }

    public void addPhone(int phoneId) {
        phones = Arrays.copyOf(phones, phones.length + 1);
        phones[phones.length - 1] = phoneId;
    }

    public int payday() {
        return payday;
    }

    public void payday(int dayOfMonth) {
        this.payday = dayOfMonth;
    }

    public String officeIp() {
        return officeIp;
    }

    public void officeIp(String ip) {
        this.officeIp = ip;
    }

    /** QR payments collected by the payment platform, paid out to the merchant the next night. */
    public long pendingSettlement() {
        return pendingSettlement;
    }

    public void pendingSettlement(long cents) {
        this.pendingSettlement = cents;
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
