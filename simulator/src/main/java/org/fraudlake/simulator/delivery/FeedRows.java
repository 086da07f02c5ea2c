package org.fraudlake.simulator.delivery;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankFeedback;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds.CaseLabels;
import org.fraudlake.schemas.Feeds.Companies;
import org.fraudlake.schemas.Feeds.Incidents;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.schemas.Feeds.Tenders;
import org.fraudlake.simulator.day.Bid;
import org.fraudlake.simulator.day.Booking;
import org.fraudlake.simulator.day.Call;
import org.fraudlake.simulator.day.CaseLabel;
import org.fraudlake.simulator.day.Incident;
import org.fraudlake.simulator.day.Rows.AccountRow;
import org.fraudlake.simulator.day.Rows.CompanyRow;
import org.fraudlake.simulator.day.Rows.SubscriberRow;
import org.fraudlake.simulator.model.Account;

/**
 * Turns the city's records into feed rows in a sender's value formats. A row comes out in contract column
 * order, followed by the feed's extra columns; {@link StyledDelivery} then orders and drops columns as the
 * sender does.
 */
public final class FeedRows {
    /** BANK_D's own memo column on {@code bank_transactions}. */
    public static final String REMARK = "remark";
    private static final int AC_NO = index(BankAccounts.FEED, BankAccounts.ACCOUNT_NO);
    private static final int AC_HOLDER_ID = index(BankAccounts.FEED, BankAccounts.HOLDER_ID);
    private static final int AC_HOLDER_NAME = index(BankAccounts.FEED, BankAccounts.HOLDER_NAME);
    private static final int AC_HOLDER_TYPE = index(BankAccounts.FEED, BankAccounts.HOLDER_TYPE);
    private static final int AC_BIRTH = index(BankAccounts.FEED, BankAccounts.HOLDER_BIRTH_DATE);
    private static final int AC_PHONE = index(BankAccounts.FEED, BankAccounts.PHONE);
    private static final int AC_OPEN = index(BankAccounts.FEED, BankAccounts.OPEN_DATE);
    private static final int AC_STATUS = index(BankAccounts.FEED, BankAccounts.STATUS);
    private static final int AC_TYPE = index(BankAccounts.FEED, BankAccounts.ACCOUNT_TYPE);
    private static final int AC_BRANCH = index(BankAccounts.FEED, BankAccounts.BRANCH_CODE);
    private static final int AC_UPDATED = index(BankAccounts.FEED, BankAccounts.UPDATED_AT);
    private static final int TX_ID = index(BankTransactions.FEED, BankTransactions.TXN_ID);
    private static final int TX_ACCOUNT = index(BankTransactions.FEED, BankTransactions.ACCOUNT_NO);
    private static final int TX_DIRECTION = index(BankTransactions.FEED, BankTransactions.DIRECTION);
    private static final int TX_AMOUNT = index(BankTransactions.FEED, BankTransactions.AMOUNT);
    private static final int TX_CURRENCY = index(BankTransactions.FEED, BankTransactions.CURRENCY);
    private static final int TX_TIME = index(BankTransactions.FEED, BankTransactions.TXN_TIME);
    private static final int TX_CP_ACCOUNT = index(BankTransactions.FEED, BankTransactions.COUNTERPARTY_ACCOUNT_NO);
    private static final int TX_CP_BANK = index(BankTransactions.FEED, BankTransactions.COUNTERPARTY_BANK);
    private static final int TX_CP_NAME = index(BankTransactions.FEED, BankTransactions.COUNTERPARTY_NAME);
    private static final int TX_CHANNEL = index(BankTransactions.FEED, BankTransactions.CHANNEL);
    private static final int TX_DEVICE = index(BankTransactions.FEED, BankTransactions.DEVICE_ID);
    private static final int TX_IP = index(BankTransactions.FEED, BankTransactions.IP);
    private static final int TX_CITY = index(BankTransactions.FEED, BankTransactions.CITY_CODE);
    private static final int TX_BALANCE = index(BankTransactions.FEED, BankTransactions.BALANCE_AFTER);
    private static final int TX_REMARK = BankTransactions.FEED.columns().size();
    private static final int SU_PHONE = index(Subscribers.FEED, Subscribers.PHONE);
    private static final int SU_HOLDER = index(Subscribers.FEED, Subscribers.HOLDER_ID);
    private static final int SU_ACTIVATED = index(Subscribers.FEED, Subscribers.ACTIVATED_AT);
    private static final int SU_STATUS = index(Subscribers.FEED, Subscribers.STATUS);
    private static final int SU_PLAN = index(Subscribers.FEED, Subscribers.PLAN);
    private static final int SU_PORTED = index(Subscribers.FEED, Subscribers.PORTED_IN);
    private static final int SU_UPDATED = index(Subscribers.FEED, Subscribers.UPDATED_AT);
    private static final int CR_ID = index(CallRecords.FEED, CallRecords.RECORD_ID);
    private static final int CR_CALLER = index(CallRecords.FEED, CallRecords.CALLER);
    private static final int CR_CALLEE = index(CallRecords.FEED, CallRecords.CALLEE);
    private static final int CR_START = index(CallRecords.FEED, CallRecords.START_TIME);
    private static final int CR_DURATION = index(CallRecords.FEED, CallRecords.DURATION_S);
    private static final int CR_KIND = index(CallRecords.FEED, CallRecords.KIND);
    private static final int CR_IMEI = index(CallRecords.FEED, CallRecords.CALLER_IMEI);
    private static final int CR_CELL = index(CallRecords.FEED, CallRecords.CELL_ID);
    private static final int CR_INTL = index(CallRecords.FEED, CallRecords.INTERNATIONAL);
    private static final int IN_ID = index(Incidents.FEED, Incidents.INCIDENT_ID);
    private static final int IN_REPORTED = index(Incidents.FEED, Incidents.REPORTED_AT);
    private static final int IN_CATEGORY = index(Incidents.FEED, Incidents.CATEGORY);
    private static final int IN_FRAUD_TYPE = index(Incidents.FEED, Incidents.FRAUD_TYPE);
    private static final int IN_OCCURRED = index(Incidents.FEED, Incidents.OCCURRED_AT);
    private static final int IN_DISTRICT = index(Incidents.FEED, Incidents.DISTRICT);
    private static final int IN_COMMUNITY = index(Incidents.FEED, Incidents.COMMUNITY);
    private static final int IN_LAT = index(Incidents.FEED, Incidents.LAT);
    private static final int IN_LON = index(Incidents.FEED, Incidents.LON);
    private static final int IN_VICTIM_ID = index(Incidents.FEED, Incidents.VICTIM_ID);
    private static final int IN_VICTIM_PHONE = index(Incidents.FEED, Incidents.VICTIM_PHONE);
    private static final int IN_LOSS = index(Incidents.FEED, Incidents.LOSS_AMOUNT);
    private static final int IN_VICTIM_ACCOUNTS = index(Incidents.FEED, Incidents.VICTIM_ACCOUNTS);
    private static final int IN_SUSPECT_ACCOUNTS = index(Incidents.FEED, Incidents.SUSPECT_ACCOUNTS);
    private static final int IN_SUSPECT_PHONES = index(Incidents.FEED, Incidents.SUSPECT_PHONES);
    private static final int IN_MO = index(Incidents.FEED, Incidents.MODUS_OPERANDI);
    private static final int IN_DESCRIPTION = index(Incidents.FEED, Incidents.DESCRIPTION);
    private static final int CL_TYPE = index(CaseLabels.FEED, CaseLabels.ENTITY_TYPE);
    private static final int CL_ID = index(CaseLabels.FEED, CaseLabels.ENTITY_ID);
    private static final int CL_LABEL = index(CaseLabels.FEED, CaseLabels.LABEL);
    private static final int CL_CONFIRMED = index(CaseLabels.FEED, CaseLabels.CONFIRMED_AT);
    private static final int CL_CASE = index(CaseLabels.FEED, CaseLabels.CASE_NO);
    private static final int CO_ID = index(Companies.FEED, Companies.COMPANY_ID);
    private static final int CO_NAME = index(Companies.FEED, Companies.COMPANY_NAME);
    private static final int CO_REP = index(Companies.FEED, Companies.LEGAL_REP_ID);
    private static final int CO_CAPITAL = index(Companies.FEED, Companies.REGISTERED_CAPITAL);
    private static final int CO_REG = index(Companies.FEED, Companies.REG_DATE);
    private static final int CO_ADDRESS = index(Companies.FEED, Companies.ADDRESS);
    private static final int CO_PHONE = index(Companies.FEED, Companies.PHONE);
    private static final int CO_STATUS = index(Companies.FEED, Companies.STATUS);
    private static final int TE_ID = index(Tenders.FEED, Tenders.TENDER_ID);
    private static final int TE_BUYER = index(Tenders.FEED, Tenders.BUYER);
    private static final int TE_PUBLISHED = index(Tenders.FEED, Tenders.PUBLISHED_AT);
    private static final int TE_BIDDER = index(Tenders.FEED, Tenders.BIDDER_COMPANY_ID);
    private static final int TE_AMOUNT = index(Tenders.FEED, Tenders.BID_AMOUNT);
    private static final int TE_SUBMITTED = index(Tenders.FEED, Tenders.SUBMITTED_AT);
    private static final int TE_IP = index(Tenders.FEED, Tenders.SUBMIT_IP);
    private static final int TE_PHONE = index(Tenders.FEED, Tenders.CONTACT_PHONE);
    private static final int TE_AGENT = index(Tenders.FEED, Tenders.AGENT_ID);
    private static final int TE_WON = index(Tenders.FEED, Tenders.WON);
    private static final int FB_WARNING = index(BankFeedback.FEED, BankFeedback.WARNING_ID);
    private static final int FB_ACTION = index(BankFeedback.FEED, BankFeedback.ACTION);
    private static final int FB_ACTED = index(BankFeedback.FEED, BankFeedback.ACTED_AT);
    private static final int FB_AMOUNT = index(BankFeedback.FEED, BankFeedback.AMOUNT_PROTECTED);
    private static final int FB_NOTE = index(BankFeedback.FEED, BankFeedback.NOTE);

    private FeedRows() {
    }

    private static int index(FeedSchema feed, String column) {
        for (int i = 0; i < feed.columns().size(); i++) {
            if (feed.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + column + " in " + feed.name());
    }

    /** Columns beyond the contract that rows of a feed carry after the contract columns. */
    public static List<String> extras(FeedSchema feed) {
        return feed.name().equals(BankTransactions.NAME) ? List.of(REMARK) : List.of();
    }

    /** Position of a column (contract or extra) in a row of this class. */
    public static int position(FeedSchema feed, String column) {
        int extra = extras(feed).indexOf(column);
        return extra >= 0 ? feed.columns().size() + extra : index(feed, column);
    }

    private static String[] row(FeedSchema feed) {
        String[] r = new String[feed.columns().size() + extras(feed).size()];
        Arrays.fill(r, "");
        return r;
    }

    private static String text(String v) {
        return v == null ? "" : v;
    }

    public static String[] account(AccountRow a, SourceStyle s) {
        String[] r = row(BankAccounts.FEED);
        r[AC_NO] = a.accountNo();
        r[AC_HOLDER_ID] = a.holderId();
        r[AC_HOLDER_NAME] = a.holderName();
        r[AC_HOLDER_TYPE] = s.enumValue(a.company() ? "COMPANY" : "PERSON");
        r[AC_BIRTH] = a.holderBirth() == null ? "" : a.holderBirth().toString();
        r[AC_PHONE] = text(a.phone());
        r[AC_OPEN] = a.openDate().toString();
        r[AC_STATUS] = s.enumValue(a.status());
        r[AC_TYPE] = s.enumValue(a.type());
        r[AC_BRANCH] = text(a.branch());
        r[AC_UPDATED] = s.time(a.updatedAt());
        return r;
    }

    public static String[] transaction(Booking b, SourceStyle s) {
        String[] r = row(BankTransactions.FEED);
        r[TX_ID] = b.txnId();
        r[TX_ACCOUNT] = b.account().number();
        r[TX_DIRECTION] = s.enumValue(b.in() ? "IN" : "OUT");
        r[TX_AMOUNT] = s.amount(b.amount());
        r[TX_CURRENCY] = s.blankCurrency() ? "" : "CNY";
        r[TX_TIME] = s.time(b.time());
        Account cp = b.counterparty();
        if (cp != null) {
            r[TX_CP_ACCOUNT] = cp.number();
            r[TX_CP_BANK] = cp.shownBankCode();
            r[TX_CP_NAME] = cp.holderName();
        }
        r[TX_CHANNEL] = s.enumValue(b.channel().name());
        r[TX_DEVICE] = text(b.device());
        r[TX_IP] = text(b.ip());
        r[TX_CITY] = text(b.city());
        r[TX_BALANCE] = s.amount(b.balanceAfter());
        r[TX_REMARK] = text(b.remark());
        return r;
    }

    public static String[] subscriber(SubscriberRow p, SourceStyle s) {
        String[] r = row(Subscribers.FEED);
        r[SU_PHONE] = p.phone();
        r[SU_HOLDER] = p.holderId();
        r[SU_ACTIVATED] = p.activatedAt().toString();
        r[SU_STATUS] = s.enumValue(p.status());
        r[SU_PLAN] = s.enumValue(p.plan());
        r[SU_PORTED] = s.bool(p.portedIn());
        r[SU_UPDATED] = s.time(p.updatedAt());
        return r;
    }

    /** Record ids: each carrier numbers its own way, unique within the carrier. */
    public static String recordId(int carrier, LocalDate date, long seq) {
        String ymd = date.toString().replace("-", "");
        String n = Long.toString(seq);
        return switch (carrier) {
            case 0 -> "X" + ymd + "0".repeat(Math.max(0, 9 - n.length())) + n;
            case 1 -> "CDR-" + ymd + "-" + n;
            default -> ymd + "0".repeat(Math.max(0, 10 - n.length())) + n;
        };
    }

    public static String[] call(Call c, String recordId, SourceStyle s) {
        String[] r = row(CallRecords.FEED);
        r[CR_ID] = recordId;
        r[CR_CALLER] = c.caller();
        r[CR_CALLEE] = c.callee();
        r[CR_START] = s.time(c.time());
        r[CR_DURATION] = Integer.toString(c.durationS());
        r[CR_KIND] = s.enumValue(c.sms() ? "SMS" : "VOICE");
        r[CR_IMEI] = text(c.imei());
        r[CR_CELL] = text(c.cell());
        r[CR_INTL] = s.bool(c.international());
        return r;
    }

    public static String[] incident(Incident i, SourceStyle s) {
        String[] r = row(Incidents.FEED);
        r[IN_ID] = i.id();
        r[IN_REPORTED] = s.time(i.reportedAt());
        r[IN_CATEGORY] = s.enumValue(i.category());
        r[IN_FRAUD_TYPE] = i.fraudType() == null ? "" : s.enumValue(i.fraudType());
        r[IN_OCCURRED] = i.occurredAt() == null ? "" : s.time(i.occurredAt());
        r[IN_DISTRICT] = i.district();
        r[IN_COMMUNITY] = text(i.community());
        r[IN_LAT] = coordinate(i.lat());
        r[IN_LON] = coordinate(i.lon());
        r[IN_VICTIM_ID] = text(i.victimId());
        r[IN_VICTIM_PHONE] = text(i.victimPhone());
        r[IN_LOSS] = i.loss() == null ? "" : s.amount(i.loss());
        r[IN_VICTIM_ACCOUNTS] = text(i.victimAccounts());
        r[IN_SUSPECT_ACCOUNTS] = text(i.suspectAccounts());
        r[IN_SUSPECT_PHONES] = text(i.suspectPhones());
        r[IN_MO] = text(i.modusOperandi());
        r[IN_DESCRIPTION] = text(i.description());
        return r;
    }

    /** A coordinate with at most six decimals (about 10 cm). */
    private static String coordinate(Double v) {
        return v == null ? "" : Double.toString(Math.round(v * 1e6) / 1e6);
    }

    public static String[] label(CaseLabel l, SourceStyle s) {
        String[] r = row(CaseLabels.FEED);
        r[CL_TYPE] = s.enumValue(l.entityType());
        r[CL_ID] = l.entityId();
        r[CL_LABEL] = s.enumValue(l.label());
        r[CL_CONFIRMED] = s.time(l.confirmedAt());
        r[CL_CASE] = text(l.caseNo());
        return r;
    }

    public static String[] company(CompanyRow c, SourceStyle s) {
        String[] r = row(Companies.FEED);
        r[CO_ID] = c.companyId();
        r[CO_NAME] = c.name();
        r[CO_REP] = text(c.legalRepId());
        r[CO_CAPITAL] = s.amount(c.capital());
        r[CO_REG] = c.regDate().toString();
        r[CO_ADDRESS] = text(c.address());
        r[CO_PHONE] = text(c.phone());
        r[CO_STATUS] = s.enumValue(c.status());
        return r;
    }

    public static String[] bid(Bid b, SourceStyle s) {
        String[] r = row(Tenders.FEED);
        r[TE_ID] = b.tenderId();
        r[TE_BUYER] = b.buyer();
        r[TE_PUBLISHED] = s.time(b.publishedAt());
        r[TE_BIDDER] = b.bidder();
        r[TE_AMOUNT] = s.amount(b.amount());
        r[TE_SUBMITTED] = s.time(b.submittedAt());
        r[TE_IP] = text(b.ip());
        r[TE_PHONE] = text(b.phone());
        r[TE_AGENT] = text(b.agentId());
        r[TE_WON] = s.bool(b.won());
        return r;
    }

    /**
     * A bank's answer to a warning.
     *
     * @param amountCents funds held or returned, or {@code null} for none
     */
    public static String[] feedback(String warningId, String action, long actedAt, Long amountCents, String note,
                                    SourceStyle s) {
        String[] r = row(BankFeedback.FEED);
        r[FB_WARNING] = warningId;
        r[FB_ACTION] = s.enumValue(action);
        r[FB_ACTED] = s.time(actedAt);
        r[FB_AMOUNT] = amountCents == null ? "" : s.amount(amountCents);
        r[FB_NOTE] = text(note);
        return r;
    }
}
