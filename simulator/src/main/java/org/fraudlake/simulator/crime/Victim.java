package org.fraudlake.simulator.crime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Person;
import org.fraudlake.simulator.model.Phone;

/** A victim a call centre works on: when they pay, who called them, what they lost and where it went. */
final class Victim {
    final Person person;
    final Phone phone;
    final String fraudType;
    final List<LocalDate> payDays = new ArrayList<>();
    final Set<String> callers = new LinkedHashSet<>();
    final List<Phone> callerPhones = new ArrayList<>();
    final List<Account> paidFrom = new ArrayList<>();
    final List<Account> mules = new ArrayList<>();
    final List<Account> secondLayer = new ArrayList<>();
    LocalDate reportOn;
    long lost;
    long firstPaid;
    int transfers;
    boolean international;

    Victim(Person person, Phone phone, String fraudType) {
        this.person = person;
        this.phone = phone;
        this.fraudType = fraudType;
    }
}
