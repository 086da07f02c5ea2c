package org.fraudlake.simulator.model;

import java.time.LocalDate;
import org.fraudlake.simulator.model.Enums.PhoneStatus;
import org.fraudlake.simulator.model.Enums.Plan;

/** A mobile number of a partner carrier, registered to an ID number or a company credit code. */
public final class Phone {
    private final int id;
    private final String number;
    private final String holderId;
    private final LocalDate activatedAt;
    private final Plan plan;
    private final int owner;
    private int carrier;
    private LocalDate carrierSince;
    private PhoneStatus status = PhoneStatus.ACTIVE;
    private boolean portedIn;
    private String imei;
    private int cell;
    private long updatedAt;
    private int touchedDay = -1;

    public Phone(int id, String number, int carrier, String holderId, LocalDate activatedAt, Plan plan, int owner,
                 String imei, int cell, long updatedAt) {
        this.id = id;
        this.number = number;
        this.carrier = carrier;
        this.carrierSince = activatedAt;
        this.holderId = holderId;
        this.activatedAt = activatedAt;
        this.plan = plan;
        this.owner = owner;
        this.imei = imei;
        this.cell = cell;
        this.updatedAt = updatedAt;
    }

    public int id() {
        return id;
    }

    public String number() {
        return number;
    }

    public int carrier() {
        return carrier;
    }

    /** Moves the number to another carrier (number portability) from a date on. */
    public void portTo(int newCarrier, LocalDate since) {
        this.carrier = newCarrier;
        this.carrierSince = since;
        this.portedIn = true;
    }

    /** Activation at the current carrier: the original activation, or the port date. */
    public LocalDate carrierSince() {
        return carrierSince;
    }

    public String holderId() {
        return holderId;
    }

    public LocalDate activatedAt() {
        return activatedAt;
    }

    public Plan plan() {
        return plan;
    }

    /** The person who uses the number, or -1 for company lines. */
    public int owner() {
        return owner;
    }

    public PhoneStatus status() {
        return status;
    }

    public void status(PhoneStatus value) {
        this.status = value;
    }

    public boolean active() {
        return status == PhoneStatus.ACTIVE;
    }

    public boolean portedIn() {
        return portedIn;
    }

    public void portedIn(boolean value) {
        this.portedIn = value;
    }

    /** The handset the SIM sits in. */
    public String imei() {
        return imei;
    }

    public void imei(String value) {
        this.imei = value;
    }

    /** The cell the number is mostly seen in. */
    public int cell() {
        return cell;
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
