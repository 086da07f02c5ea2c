package org.fraudlake.simulator.model;

import java.time.LocalDate;
import java.util.Arrays;
import org.fraudlake.simulator.model.Enums.Occupation;

/**
 * A person: identity (18-character ID number with the birth date in it), home, work, accounts, phones,
 * handset and social ties. Residents live a normal life every day; non-residents (holders of numbers
 * and accounts registered with borrowed or bought identities) only appear where a scheme uses them.
 */
public final class Person {
    private static final int[] NONE = new int[0];
    private final int id;
    private final String idNumber;
    private final String name;
    private final LocalDate birth;
    private final boolean male;
    private final int community;
    private final int district;
    private final Occupation occupation;
    private final boolean resident;
    private int employer = -1;
    private long monthlyIncome;
    private int[] accounts = NONE;
    private int[] phones = NONE;
    private int[] contacts = NONE;
    private String[] outsideContacts = new String[0];
    private String imei;
    private String homeIp;
    private int homeCell;
    private int workCell;
    private int parent = -1;
    private int landlord = -1;
    private long rent;
    private int rentDay;
    private int billDay;
    private String overseasRelative;
    private boolean involved;

    public Person(int id, String idNumber, String name, LocalDate birth, boolean male, int district, int community,
                  Occupation occupation, boolean resident) {
        this.id = id;
        this.idNumber = idNumber;
        this.name = name;
        this.birth = birth;
        this.male = male;
        this.district = district;
        this.community = community;
        this.occupation = occupation;
        this.resident = resident;
    }

    public int id() {
        return id;
    }

    public String idNumber() {
        return idNumber;
    }

    public String name() {
        return name;
    }

    public LocalDate birth() {
        return birth;
    }

    public boolean male() {
        return male;
    }

    public int age(LocalDate on) {
        return birth.until(on).getYears();
    }

    public int district() {
        return district;
    }

    public int community() {
        return community;
    }

    public Occupation occupation() {
        return occupation;
    }

    public boolean resident() {
        return resident;
    }

    public int employer() {
        return employer;
    }

    public void employer(int companyId) {
        this.employer = companyId;
    }

    /** Salary, pension or allowance per month, in cents. */
    public long monthlyIncome() {
        return monthlyIncome;
    }

    public void monthlyIncome(long cents) {
        this.monthlyIncome = cents;
    }

    /** Account ids; the first is the main debit account. */
    public int[] accounts() {
        return accounts;
    }

    public void addAccount(int accountId) {
        accounts = Arrays.copyOf(accounts, accounts.length + 1);
        accounts[accounts.length - 1] = accountId;
    }

    /** Phone ids; the first is the main number. */
    public int[] phones() {
        return phones;
    }

    public void addPhone(int phoneId) {
        phones = Arrays.copyOf(phones, phones.length + 1);
        phones[phones.length - 1] = phoneId;
    }

    public boolean hasPhone() {
        return phones.length > 0;
    }

    public int mainPhone() {
        return phones[0];
    }

    public int[] contacts() {
        return contacts;
    }

    public void contacts(int[] personIds) {
        this.contacts = personIds;
    }

    /** Numbers of friends and family outside the city (not subscribers of a partner carrier). */
    public String[] outsideContacts() {
        return outsideContacts;
    }

    public void outsideContacts(String[] numbers) {
        this.outsideContacts = numbers;
    }

    public String imei() {
        return imei;
    }

    public void imei(String value) {
        this.imei = value;
    }

    public String homeIp() {
        return homeIp;
    }

    public void homeIp(String value) {
        this.homeIp = value;
    }

    public int homeCell() {
        return homeCell;
    }

    public int workCell() {
        return workCell;
    }

    public void cells(int home, int work) {
        this.homeCell = home;
        this.workCell = work;
    }

    /** An elderly parent the person supports, or -1. For students: the parent who pays the allowance. */
    public int parent() {
        return parent;
    }

    public void parent(int personId) {
        this.parent = personId;
    }

    public int landlord() {
        return landlord;
    }

    public long rent() {
        return rent;
    }

    public int rentDay() {
        return rentDay;
    }

    public void rents(int landlordId, long cents, int dayOfMonth) {
        this.landlord = landlordId;
        this.rent = cents;
        this.rentDay = dayOfMonth;
    }

    public int billDay() {
        return billDay;
    }

    public void billDay(int dayOfMonth) {
        this.billDay = dayOfMonth;
    }

    /** A relative abroad who calls now and then, or {@code null}. */
    public String overseasRelative() {
        return overseasRelative;
    }

    public void overseasRelative(String number) {
        this.overseasRelative = number;
    }

    /** Whether a scheme already uses this person (as offender or victim); schemes do not share persons. */
    public boolean involved() {
        return involved;
    }

    public void involve() {
        this.involved = true;
    }
}
