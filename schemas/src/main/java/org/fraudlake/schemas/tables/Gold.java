package org.fraudlake.schemas.tables;

import java.util.List;

/**
 * Gold tables ({@code gold/<table>}): daily aggregates and the daily feature tables the early-warning models
 * read. Every table is partitioned by {@link #BUSINESS_DATE}, one partition per business date, replaced whole
 * when a date is run again. Keys are silver tokens ({@code acc_…}, {@code ph_…}, {@code id_…}).
 *
 * <p>The {@code agg_*} tables hold additive per-day aggregates (counts, exact decimal sums, first and last
 * times, small sorted sets); rolling 1/7/30-day windows are computed from them, never from raw events.
 * The {@code features_*} tables hold one row per active entity per date; every feature column is numeric and
 * never null (0 where the entity had no activity or the value is unknown), and is listed in its table's
 * {@code FEATURES}, in table order.
 */
public final class Gold {
    public static final String BUSINESS_DATE = "business_date";

    public static final String AGG_ACCOUNT_DAILY = "agg_account_daily";
    public static final String AGG_ACCOUNT_COUNTERPARTY_DAILY = "agg_account_counterparty_daily";
    public static final String AGG_PHONE_DAILY = "agg_phone_daily";
    public static final String AGG_PHONE_CONTACT_DAILY = "agg_phone_contact_daily";
    public static final String AGG_CALL_PAYMENT_DAILY = "agg_call_payment_daily";
    public static final String ACCOUNT_LAST_ACTIVE = "account_last_active";
    public static final String FEATURES_ACCOUNT_DAILY = "features_account_daily";
    public static final String FEATURES_PHONE_DAILY = "features_phone_daily";
    public static final String FEATURES_PERSON_DAILY = "features_person_daily";
    public static final String FEATURES_COMPANY_DAILY = "features_company_daily";
    public static final String SCORES = "scores";
    public static final String ENTITY_RISK = "entity_risk";
    public static final String RISK_MODELS = "risk_models";

    /** The daily aggregate tables, in the order the features job writes them. */
    public static final List<String> AGGREGATES = List.of(AGG_ACCOUNT_DAILY, AGG_ACCOUNT_COUNTERPARTY_DAILY,
            AGG_PHONE_DAILY, AGG_PHONE_CONTACT_DAILY);

    /** The feature tables, in the order the features job writes them. */
    public static final List<String> FEATURES = List.of(FEATURES_ACCOUNT_DAILY, FEATURES_PHONE_DAILY,
            FEATURES_PERSON_DAILY, FEATURES_COMPANY_DAILY);

    private Gold() {
    }

    /**
     * gold/agg_account_daily: one row per partner account per day with at least one transaction. Amounts are
     * exact sums, {@code decimal(18,2)}.
     */
    public static final class AggAccountDaily {
        public static final String ACCOUNT_ID = "account_id";
        public static final String IN_CNT = "in_cnt";
        public static final String IN_AMT = "in_amt";
        public static final String OUT_CNT = "out_cnt";
        public static final String OUT_AMT = "out_amt";
        public static final String MAX_IN_AMT = "max_in_amt";
        public static final String MAX_OUT_AMT = "max_out_amt";
        /** Transactions between 00:00 and 06:00 city time (UTC+8). */
        public static final String NIGHT_CNT = "night_cnt";
        /** Transactions on a Saturday or Sunday, city time. */
        public static final String WEEKEND_CNT = "weekend_cnt";
        /** Transactions whose amount is a multiple of 100. */
        public static final String ROUND_100_CNT = "round_100_cnt";
        /** Transactions whose amount is a multiple of 1,000. */
        public static final String ROUND_1000_CNT = "round_1000_cnt";
        /** Transactions with an amount in [0.9 T, T) for a reporting threshold T (5,000, 10,000, 50,000). */
        public static final String BELOW_THRESHOLD_CNT = "below_threshold_cnt";
        public static final String OUT_ATM_AMT = "out_atm_amt";
        public static final String OUT_THIRD_PARTY_AMT = "out_third_party_amt";
        /** Outflow of the day covered by inflow of the hour before it (see {@code DailyAggregates}). */
        public static final String PASS_THROUGH_1H_AMT = "pass_through_1h_amt";
        /** Outflow of the day covered by inflow of the 24 hours before it. */
        public static final String PASS_THROUGH_24H_AMT = "pass_through_24h_amt";
        /** Balance after the day's last transaction that reported one. */
        public static final String LAST_BALANCE = "last_balance";
        public static final String LAST_BALANCE_TIME = "last_balance_time";
        /** Sorted distinct device ids the account used that day. */
        public static final String DEVICES = "devices";
        /** Sorted distinct IPs the account used that day. */
        public static final String IPS = "ips";
        /** The latest earlier business date with a transaction on the account; null if none. */
        public static final String PREV_ACTIVE_DATE = "prev_active_date";

        private AggAccountDaily() {
        }
    }

    /**
     * gold/agg_account_counterparty_daily: one row per account, direction and counterparty per day. The
     * counterparty is its account token, else its name token; bookings with neither (cash) are left out.
     */
    public static final class AggAccountCounterpartyDaily {
        public static final String ACCOUNT_ID = "account_id";
        /** IN or OUT, as booked on {@link #ACCOUNT_ID}. */
        public static final String DIRECTION = "direction";
        public static final String COUNTERPARTY_ID = "counterparty_id";
        public static final String COUNTERPARTY_BANK = "counterparty_bank";
        public static final String CNT = "cnt";
        public static final String AMT = "amt";
        public static final String FIRST_TIME = "first_time";
        public static final String LAST_TIME = "last_time";

        private AggAccountCounterpartyDaily() {
        }
    }

    /** gold/agg_phone_daily: one row per number per day on which it made or received a call or SMS. */
    public static final class AggPhoneDaily {
        public static final String PHONE = "phone";
        public static final String OUT_CNT = "out_cnt";
        public static final String OUT_VOICE_CNT = "out_voice_cnt";
        public static final String OUT_SMS_CNT = "out_sms_cnt";
        /** Outbound voice calls shorter than 30 s, unanswered ones included. */
        public static final String OUT_SHORT_CNT = "out_short_cnt";
        /** Outbound voice calls with duration 0. */
        public static final String OUT_UNANSWERED_CNT = "out_unanswered_cnt";
        public static final String OUT_INTL_CNT = "out_intl_cnt";
        public static final String OUT_DURATION_S = "out_duration_s";
        public static final String IN_CNT = "in_cnt";
        public static final String IN_VOICE_CNT = "in_voice_cnt";
        public static final String IN_SMS_CNT = "in_sms_cnt";
        public static final String IN_INTL_CNT = "in_intl_cnt";
        /** Sorted distinct IMEI tokens the number called from that day. */
        public static final String IMEIS = "imeis";

        private AggPhoneDaily() {
        }
    }

    /** gold/agg_phone_contact_daily: one row per caller, callee and day. */
    public static final class AggPhoneContactDaily {
        public static final String CALLER = "caller";
        public static final String CALLEE = "callee";
        public static final String CNT = "cnt";
        public static final String VOICE_CNT = "voice_cnt";
        public static final String SMS_CNT = "sms_cnt";
        public static final String DURATION_S = "duration_s";
        public static final String FIRST_TIME = "first_time";
        public static final String LAST_TIME = "last_time";

        private AggPhoneContactDaily() {
        }
    }

    /**
     * gold/agg_call_payment_daily: the fused signal no single partner sees, written for each date the features job
     * runs. One row per payment of the date (an outgoing transfer of at least the payment minimum from a person's
     * account to a payee that none of the person's accounts had paid in the 30 days before) and each answered
     * voice call to one of the person's numbers in the 24 hours before it from a number that was a stranger to
     * that number (it had never called the caller on an earlier day of the history).
     */
    public static final class AggCallPaymentDaily {
        public static final String TXN_KEY = "txn_key";
        public static final String PERSON_ID = "person_id";
        /** The paying account. */
        public static final String ACCOUNT_ID = "account_id";
        /** The payee's counterparty key (its account token, else its name token). */
        public static final String PAYEE_ID = "payee_id";
        public static final String AMOUNT = "amount";
        public static final String PAY_TIME = "pay_time";
        public static final String CALLER = "caller";
        /** The person's number that took the call. */
        public static final String CALLEE = "callee";
        public static final String CALL_TIME = "call_time";
        public static final String DURATION_S = "duration_s";

        private AggCallPaymentDaily() {
        }
    }

    /**
     * gold/account_last_active: for each business date the features job ran up to, every account ever active
     * with the date of its latest transaction on or before that date. A cache that lets dormancy look back
     * further than 30 days by reading one partition; the job rebuilds it from {@code agg_account_daily} when
     * the partition it needs is missing.
     */
    public static final class AccountLastActive {
        public static final String ACCOUNT_ID = "account_id";
        public static final String LAST_ACTIVE_DATE = "last_active_date";

        private AccountLastActive() {
        }
    }

    /**
     * gold/features_account_daily: one row per active partner account (a transaction in the last 30 days, or
     * opened in them) per date.
     */
    public static final class FeaturesAccount {
        public static final String ACCOUNT_ID = "account_id";
        public static final String BANK = "bank";
        public static final String HOLDER_ID = "holder_id";

        public static final String IN_CNT_1D = "in_cnt_1d";
        public static final String IN_CNT_7D = "in_cnt_7d";
        public static final String IN_CNT_30D = "in_cnt_30d";
        public static final String IN_AMT_1D = "in_amt_1d";
        public static final String IN_AMT_7D = "in_amt_7d";
        public static final String IN_AMT_30D = "in_amt_30d";
        public static final String OUT_CNT_1D = "out_cnt_1d";
        public static final String OUT_CNT_7D = "out_cnt_7d";
        public static final String OUT_CNT_30D = "out_cnt_30d";
        public static final String OUT_AMT_1D = "out_amt_1d";
        public static final String OUT_AMT_7D = "out_amt_7d";
        public static final String OUT_AMT_30D = "out_amt_30d";
        public static final String MAX_IN_AMT_30D = "max_in_amt_30d";
        public static final String MAX_OUT_AMT_30D = "max_out_amt_30d";
        public static final String IN_COUNTERPARTIES_1D = "in_counterparties_1d";
        public static final String IN_COUNTERPARTIES_7D = "in_counterparties_7d";
        public static final String IN_COUNTERPARTIES_30D = "in_counterparties_30d";
        public static final String OUT_COUNTERPARTIES_1D = "out_counterparties_1d";
        public static final String OUT_COUNTERPARTIES_7D = "out_counterparties_7d";
        public static final String OUT_COUNTERPARTIES_30D = "out_counterparties_30d";
        /** Distinct banks of the counterparties, both directions. */
        public static final String COUNTERPARTY_BANKS_30D = "counterparty_banks_30d";
        /** Share of the window's inflow passed on within 1 hour (outflow covered by preceding inflow). */
        public static final String PASS_THROUGH_1H_SHARE_7D = "pass_through_1h_share_7d";
        public static final String PASS_THROUGH_1H_SHARE_30D = "pass_through_1h_share_30d";
        public static final String PASS_THROUGH_24H_SHARE_7D = "pass_through_24h_share_7d";
        public static final String PASS_THROUGH_24H_SHARE_30D = "pass_through_24h_share_30d";
        /** Last reported balance over the 30-day inflow (0 without inflow). */
        public static final String BALANCE_LEFT_RATIO_30D = "balance_left_ratio_30d";
        public static final String ACCOUNT_AGE_DAYS = "account_age_days";
        /** 1 if the account was opened in the last 30 days. */
        public static final String IS_NEW_ACCOUNT = "is_new_account";
        /** Days without a transaction before the latest active day (since opening if it was the first). */
        public static final String DORMANCY_DAYS = "dormancy_days";
        public static final String ACTIVE_DAYS_30D = "active_days_30d";
        public static final String NIGHT_TXN_SHARE_30D = "night_txn_share_30d";
        public static final String WEEKEND_TXN_SHARE_30D = "weekend_txn_share_30d";
        public static final String ROUND_100_SHARE_30D = "round_100_share_30d";
        public static final String ROUND_1000_SHARE_30D = "round_1000_share_30d";
        public static final String BELOW_THRESHOLD_SHARE_30D = "below_threshold_share_30d";
        /** Share of the outflow amount withdrawn at ATMs. */
        public static final String ATM_OUT_SHARE_30D = "atm_out_share_30d";
        /** Share of the outflow amount paid through third-party payment channels. */
        public static final String THIRD_PARTY_OUT_SHARE_30D = "third_party_out_share_30d";
        public static final String DEVICES_30D = "devices_30d";
        public static final String IPS_30D = "ips_30d";
        /** Other holders seen on the account's devices in the last 30 days. */
        public static final String DEVICE_OTHER_HOLDERS_30D = "device_other_holders_30d";
        /** Other holders seen on the account's IPs in the last 30 days. */
        public static final String IP_OTHER_HOLDERS_30D = "ip_other_holders_30d";
        /** Accounts the same holder opened (at any partner bank) in the last 7 days. */
        public static final String HOLDER_ACCOUNTS_OPENED_7D = "holder_accounts_opened_7d";
        public static final String HOLDER_ACCOUNTS_OPENED_30D = "holder_accounts_opened_30d";
        public static final String HOLDER_BANKS_OPENED_30D = "holder_banks_opened_30d";
        /** Holder's age in whole years (0 if unknown or a company). */
        public static final String HOLDER_AGE_YEARS = "holder_age_years";
        /** Share of the 30-day inflow amount from accounts labeled FRAUD_ACCOUNT, MONEY_MULE or LAUNDERING. */
        public static final String IN_FROM_LABELED_SHARE_30D = "in_from_labeled_share_30d";
        /** Share of the 30-day outflow amount to accounts labeled FRAUD_ACCOUNT, MONEY_MULE or LAUNDERING. */
        public static final String OUT_TO_LABELED_SHARE_30D = "out_to_labeled_share_30d";
        /**
         * Distinct persons who paid this account as a new payee within 24 hours after an answered voice call
         * from a stranger's number ({@link AggCallPaymentDaily}), last 7 and 30 days: inflow from people who
         * were just called by someone they did not know, with no label needed.
         */
        public static final String PAYERS_AFTER_STRANGER_CALL_7D = "payers_after_stranger_call_7d";
        public static final String PAYERS_AFTER_STRANGER_CALL_30D = "payers_after_stranger_call_30d";
        /** Distinct stranger numbers behind {@link #PAYERS_AFTER_STRANGER_CALL_30D}. */
        public static final String CALLERS_BEHIND_PAYERS_30D = "callers_behind_payers_30d";

        /** The model features, in table order. */
        public static final List<String> FEATURES = List.of(IN_CNT_1D, IN_CNT_7D, IN_CNT_30D, IN_AMT_1D,
                IN_AMT_7D, IN_AMT_30D, OUT_CNT_1D, OUT_CNT_7D, OUT_CNT_30D, OUT_AMT_1D, OUT_AMT_7D, OUT_AMT_30D,
                MAX_IN_AMT_30D, MAX_OUT_AMT_30D, IN_COUNTERPARTIES_1D, IN_COUNTERPARTIES_7D, IN_COUNTERPARTIES_30D,
                OUT_COUNTERPARTIES_1D, OUT_COUNTERPARTIES_7D, OUT_COUNTERPARTIES_30D, COUNTERPARTY_BANKS_30D,
                PASS_THROUGH_1H_SHARE_7D, PASS_THROUGH_1H_SHARE_30D, PASS_THROUGH_24H_SHARE_7D,
                PASS_THROUGH_24H_SHARE_30D, BALANCE_LEFT_RATIO_30D, ACCOUNT_AGE_DAYS, IS_NEW_ACCOUNT, DORMANCY_DAYS,
                ACTIVE_DAYS_30D, NIGHT_TXN_SHARE_30D, WEEKEND_TXN_SHARE_30D, ROUND_100_SHARE_30D,
                ROUND_1000_SHARE_30D, BELOW_THRESHOLD_SHARE_30D, ATM_OUT_SHARE_30D, THIRD_PARTY_OUT_SHARE_30D,
                DEVICES_30D, IPS_30D, DEVICE_OTHER_HOLDERS_30D, IP_OTHER_HOLDERS_30D, HOLDER_ACCOUNTS_OPENED_7D,
                HOLDER_ACCOUNTS_OPENED_30D, HOLDER_BANKS_OPENED_30D, HOLDER_AGE_YEARS, IN_FROM_LABELED_SHARE_30D,
                OUT_TO_LABELED_SHARE_30D, PAYERS_AFTER_STRANGER_CALL_7D, PAYERS_AFTER_STRANGER_CALL_30D,
                CALLERS_BEHIND_PAYERS_30D);

        private FeaturesAccount() {
        }
    }

    /**
     * gold/features_phone_daily: one row per active number (a call or SMS made or received in the last 30
     * days, or activated in them) per date.
     */
    public static final class FeaturesPhone {
        public static final String PHONE = "phone";
        /** The partner carrier holding the number; null for numbers of no partner carrier. */
        public static final String CARRIER = "carrier";

        public static final String OUT_CNT_1D = "out_cnt_1d";
        public static final String OUT_CNT_7D = "out_cnt_7d";
        public static final String OUT_CNT_30D = "out_cnt_30d";
        public static final String IN_CNT_1D = "in_cnt_1d";
        public static final String IN_CNT_7D = "in_cnt_7d";
        public static final String IN_CNT_30D = "in_cnt_30d";
        /** Outbound over inbound calls and SMS (inbound counted as at least 1). */
        public static final String OUT_IN_RATIO_30D = "out_in_ratio_30d";
        public static final String CALLEES_1D = "callees_1d";
        public static final String CALLEES_7D = "callees_7d";
        public static final String CALLEES_30D = "callees_30d";
        public static final String CALLERS_30D = "callers_30d";
        /** Share of outbound voice calls shorter than 30 s. */
        public static final String SHORT_CALL_SHARE_30D = "short_call_share_30d";
        /** Share of outbound voice calls not answered (duration 0). */
        public static final String UNANSWERED_SHARE_30D = "unanswered_share_30d";
        /** Share of SMS among outbound calls and SMS. */
        public static final String SMS_SHARE_30D = "sms_share_30d";
        public static final String OUT_AVG_DURATION_S_30D = "out_avg_duration_s_30d";
        /** Share of today's callees not contacted in the 30 days before. */
        public static final String NEW_CALLEE_SHARE_1D = "new_callee_share_1d";
        /** Share of the last 7 days' callees first contacted within those 7 days. */
        public static final String NEW_CALLEE_SHARE_7D = "new_callee_share_7d";
        /** Distinct handsets (IMEIs) the number called from. */
        public static final String HANDSETS_30D = "handsets_30d";
        /** The most numbers seen on any one of the number's handsets. */
        public static final String NUMBERS_PER_HANDSET_MAX_30D = "numbers_per_handset_max_30d";
        /** Days since activation (0 if unknown). */
        public static final String NUMBER_AGE_DAYS = "number_age_days";
        /** 1 if a partner carrier holds the number. */
        public static final String IS_SUBSCRIBER = "is_subscriber";
        public static final String PREPAID = "prepaid";
        public static final String PORTED_IN = "ported_in";
        public static final String OUT_INTERNATIONAL_SHARE_30D = "out_international_share_30d";
        public static final String IN_INTERNATIONAL_SHARE_30D = "in_international_share_30d";
        /**
         * Callees whose registered holder, after the number first called them in the window (and on or before
         * the date), paid an account labeled FRAUD_ACCOUNT or MONEY_MULE.
         */
        public static final String CALLEES_LATER_PAID_FRAUD_30D = "callees_later_paid_fraud_30d";
        public static final String CALLEES_LATER_PAID_FRAUD_SHARE_30D = "callees_later_paid_fraud_share_30d";
        /**
         * Callees whose holder paid a payee new to them within 24 hours after an answered voice call from this
         * number while it was a stranger to them ({@link AggCallPaymentDaily}): the fused call-then-pay signal,
         * with no label needed. Distinct persons, last 7 and 30 days.
         */
        public static final String CALLEES_PAID_NEW_PAYEE_7D = "callees_paid_new_payee_7d";
        public static final String CALLEES_PAID_NEW_PAYEE_30D = "callees_paid_new_payee_30d";
        /** {@link #CALLEES_PAID_NEW_PAYEE_30D} over the number's distinct callees in 30 days. */
        public static final String CALLEES_PAID_NEW_PAYEE_SHARE_30D = "callees_paid_new_payee_share_30d";

        /** The model features, in table order. */
        public static final List<String> FEATURES = List.of(OUT_CNT_1D, OUT_CNT_7D, OUT_CNT_30D, IN_CNT_1D,
                IN_CNT_7D, IN_CNT_30D, OUT_IN_RATIO_30D, CALLEES_1D, CALLEES_7D, CALLEES_30D, CALLERS_30D,
                SHORT_CALL_SHARE_30D, UNANSWERED_SHARE_30D, SMS_SHARE_30D, OUT_AVG_DURATION_S_30D,
                NEW_CALLEE_SHARE_1D, NEW_CALLEE_SHARE_7D, HANDSETS_30D, NUMBERS_PER_HANDSET_MAX_30D,
                NUMBER_AGE_DAYS, IS_SUBSCRIBER, PREPAID, PORTED_IN, OUT_INTERNATIONAL_SHARE_30D,
                IN_INTERNATIONAL_SHARE_30D, CALLEES_LATER_PAID_FRAUD_30D, CALLEES_LATER_PAID_FRAUD_SHARE_30D,
                CALLEES_PAID_NEW_PAYEE_7D, CALLEES_PAID_NEW_PAYEE_30D, CALLEES_PAID_NEW_PAYEE_SHARE_30D);

        private FeaturesPhone() {
        }
    }

    /**
     * gold/features_person_daily: one row per active person (holder of an active account, of an account
     * opened in the last 30 days, or of a number with a call in them) per date.
     */
    public static final class FeaturesPerson {
        /** The person's ID token ({@code holder_id} in silver). */
        public static final String PERSON_ID = "person_id";

        public static final String ACCOUNTS_CNT = "accounts_cnt";
        public static final String BANKS_CNT = "banks_cnt";
        public static final String ACCOUNTS_OPENED_7D = "accounts_opened_7d";
        public static final String ACCOUNTS_OPENED_30D = "accounts_opened_30d";
        public static final String PHONES_CNT = "phones_cnt";
        /** Age in whole years (0 if unknown). */
        public static final String AGE_YEARS = "age_years";
        public static final String IN_AMT_1D = "in_amt_1d";
        public static final String IN_AMT_7D = "in_amt_7d";
        public static final String IN_AMT_30D = "in_amt_30d";
        public static final String OUT_AMT_1D = "out_amt_1d";
        public static final String OUT_AMT_7D = "out_amt_7d";
        public static final String OUT_AMT_30D = "out_amt_30d";
        public static final String IN_CNT_30D = "in_cnt_30d";
        public static final String OUT_CNT_30D = "out_cnt_30d";
        /** Calls and SMS received in the last 7 days from numbers the person's numbers had not called before. */
        public static final String UNKNOWN_CALLS_IN_7D = "unknown_calls_in_7d";
        public static final String UNKNOWN_CALLERS_7D = "unknown_callers_7d";
        /** Outgoing transfers of at least 1,000 today. */
        public static final String PAYMENTS_OVER_1000_1D = "payments_over_1000_1d";
        /** Most calls received in the 24 hours before any of today's outgoing transfers of at least 1,000. */
        public static final String CALLS_IN_24H_BEFORE_PAYMENT_MAX = "calls_in_24h_before_payment_max";
        public static final String CALLS_IN_6H_BEFORE_PAYMENT_MAX = "calls_in_6h_before_payment_max";
        /** As {@link #CALLS_IN_24H_BEFORE_PAYMENT_MAX}, counting only calls from unknown numbers. */
        public static final String UNKNOWN_CALLS_IN_24H_BEFORE_PAYMENT_MAX = "unknown_calls_in_24h_before_payment_max";
        public static final String UNKNOWN_CALLS_IN_6H_BEFORE_PAYMENT_MAX = "unknown_calls_in_6h_before_payment_max";
        /** The most distinct days one unknown number called the person in the last 30 days (grooming). */
        public static final String UNKNOWN_CALLER_MAX_DAYS_30D = "unknown_caller_max_days_30d";
        /** Unknown numbers that called the person on at least 3 distinct days in the last 30 days. */
        public static final String UNKNOWN_CALLERS_REPEATED_30D = "unknown_callers_repeated_30d";
        /** Counterparties paid today and not in the 30 days before, over all the person's accounts. */
        public static final String NEW_PAYEES_1D = "new_payees_1d";
        public static final String NEW_PAYEE_AMT_1D = "new_payee_amt_1d";
        /**
         * Today's payments to a payee new to the person within 24 hours after an answered voice call from a stranger's
         * number ({@link AggCallPaymentDaily}), and their amount.
         */
        public static final String PAID_NEW_PAYEE_AFTER_STRANGER_CALL_1D = "paid_new_payee_after_stranger_call_1d";
        public static final String PAID_NEW_PAYEE_AFTER_STRANGER_CALL_AMT_1D =
                "paid_new_payee_after_stranger_call_amt_1d";

        /** The model features, in table order. */
        public static final List<String> FEATURES = List.of(ACCOUNTS_CNT, BANKS_CNT, ACCOUNTS_OPENED_7D,
                ACCOUNTS_OPENED_30D, PHONES_CNT, AGE_YEARS, IN_AMT_1D, IN_AMT_7D, IN_AMT_30D, OUT_AMT_1D, OUT_AMT_7D,
                OUT_AMT_30D, IN_CNT_30D, OUT_CNT_30D, UNKNOWN_CALLS_IN_7D, UNKNOWN_CALLERS_7D, PAYMENTS_OVER_1000_1D,
                CALLS_IN_24H_BEFORE_PAYMENT_MAX, CALLS_IN_6H_BEFORE_PAYMENT_MAX,
                UNKNOWN_CALLS_IN_24H_BEFORE_PAYMENT_MAX, UNKNOWN_CALLS_IN_6H_BEFORE_PAYMENT_MAX,
                UNKNOWN_CALLER_MAX_DAYS_30D, UNKNOWN_CALLERS_REPEATED_30D, NEW_PAYEES_1D, NEW_PAYEE_AMT_1D,
                PAID_NEW_PAYEE_AFTER_STRANGER_CALL_1D, PAID_NEW_PAYEE_AFTER_STRANGER_CALL_AMT_1D);

        private FeaturesPerson() {
        }
    }

    /**
     * gold/features_company_daily: one row per company (in the registry or holding a partner account, known on
     * or before the date) per date.
     */
    public static final class FeaturesCompany {
        public static final String COMPANY_ID = "company_id";

        public static final String ACCOUNTS_CNT = "accounts_cnt";
        public static final String IN_CNT_30D = "in_cnt_30d";
        public static final String IN_AMT_30D = "in_amt_30d";
        public static final String OUT_CNT_30D = "out_cnt_30d";
        public static final String OUT_AMT_30D = "out_amt_30d";
        /** Incoming transfers from accounts held by persons. */
        public static final String IN_FROM_PERSONS_CNT_30D = "in_from_persons_cnt_30d";
        public static final String IN_DISTINCT_PERSONS_30D = "in_distinct_persons_30d";
        /** Days with an outgoing transfer. */
        public static final String OUT_ACTIVE_DAYS_30D = "out_active_days_30d";
        /** Coefficient of variation of the daily outflow over the days with outflow (0 = regular payouts). */
        public static final String OUT_DAILY_AMT_CV_30D = "out_daily_amt_cv_30d";
        public static final String PAYEES_30D = "payees_30d";
        /** Share of payees paid on at least 2 distinct days (payroll-like regularity). */
        public static final String PAYEE_REPEAT_SHARE_30D = "payee_repeat_share_30d";
        public static final String OUT_TO_PERSONS_AMT_SHARE_30D = "out_to_persons_amt_share_30d";
        public static final String IN_FROM_COMPANIES_AMT_30D = "in_from_companies_amt_30d";
        public static final String OUT_TO_COMPANIES_AMT_30D = "out_to_companies_amt_30d";
        /** Distinct other companies paid or paying. */
        public static final String COUNTERPARTY_COMPANIES_30D = "counterparty_companies_30d";
        /** Other companies with the same legal representative. */
        public static final String LEGAL_REP_SHARED_COMPANIES = "legal_rep_shared_companies";
        /** Other companies with the same phone. */
        public static final String PHONE_SHARED_COMPANIES = "phone_shared_companies";
        public static final String REGISTERED_CAPITAL = "registered_capital";
        /** 30-day inflow plus outflow over the registered capital (0 if the capital is unknown). */
        public static final String FLOW_TO_CAPITAL_RATIO_30D = "flow_to_capital_ratio_30d";
        public static final String COMPANY_AGE_DAYS = "company_age_days";

        /** The model features, in table order. */
        public static final List<String> FEATURES = List.of(ACCOUNTS_CNT, IN_CNT_30D, IN_AMT_30D, OUT_CNT_30D,
                OUT_AMT_30D, IN_FROM_PERSONS_CNT_30D, IN_DISTINCT_PERSONS_30D, OUT_ACTIVE_DAYS_30D,
                OUT_DAILY_AMT_CV_30D, PAYEES_30D, PAYEE_REPEAT_SHARE_30D, OUT_TO_PERSONS_AMT_SHARE_30D,
                IN_FROM_COMPANIES_AMT_30D, OUT_TO_COMPANIES_AMT_30D, COUNTERPARTY_COMPANIES_30D,
                LEGAL_REP_SHARED_COMPANIES, PHONE_SHARED_COMPANIES, REGISTERED_CAPITAL, FLOW_TO_CAPITAL_RATIO_30D,
                COMPANY_AGE_DAYS);

        private FeaturesCompany() {
        }
    }

    /**
     * gold/scores: what every champion model said of every active entity of its kind on a business date, one
     * row per model and entity.
     */
    public static final class Scores {
        public static final String MODEL = "model";
        public static final String VERSION = "version";
        /** ACCOUNT, PHONE, PERSON or COMPANY. */
        public static final String ENTITY_TYPE = "entity_type";
        public static final String ENTITY_ID = "entity_id";
        /** Partners the entity belongs to: its bank (accounts), carrier (phones), banks of its accounts. */
        public static final String PARTNERS = "partners";
        /** Calibrated probability, 0..1. */
        public static final String SCORE = "score";
        /** The model version's operating threshold, from the registry. */
        public static final String THRESHOLD = "threshold";
        /**
         * score >= threshold, and at least one reason: a signal raised the score above the population's average.
         * A score at the threshold that nothing singles out (a model whose inputs are all at their means) does
         * not alert, so every alert says why.
         */
        public static final String ALERT = "alert";
        /** The features that drove the score, in plain words with their values, strongest first. */
        public static final String REASONS = "reasons";

        private Scores() {
        }
    }

    /**
     * {@code gold/entity_risk}: one calibrated risk per entity, group and night, stacked from every model's score of
     * the night ({@code gold/scores}) and the traced victim money the entity holds; written by the score stage.
     */
    public static final class EntityRisk {
        /** ACCOUNT, PHONE, PERSON or COMPANY. */
        public static final String ENTITY_TYPE = "entity_type";
        public static final String ENTITY_ID = "entity_id";
        /** OFFENDER (takes part in crime) or VICTIM (a person at risk of paying a fraudster). */
        public static final String RISK_GROUP = "risk_group";
        /** Partners the entity belongs to, as in {@link Scores#PARTNERS}. */
        public static final String PARTNERS = "partners";
        /** Calibrated probability, 0..1, that the entity is (or becomes) named for its group's crimes. */
        public static final String RISK = "risk";
        /**
         * Precision, on the not-yet-named entities of the risk model's validation days, of alerting every entity at
         * or above this risk; NaN where no validation alert reached it.
         */
        public static final String PRECISION = "precision";
        /** risk &gt;= the group's operating threshold (chosen on the not-yet-named at validation). */
        public static final String FIRES = "fires";
        /** The models that pushed the risk up most, strongest first. */
        public static final String DRIVERS = "drivers";
        /** The reasons of those models, strongest model first. */
        public static final String REASONS = "reasons";
        /** The risk model's version (the as-of date it was fitted, yyyymmdd). */
        public static final String VERSION = "version";

        private EntityRisk() {
        }
    }
}
