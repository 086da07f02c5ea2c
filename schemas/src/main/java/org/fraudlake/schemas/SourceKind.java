package org.fraudlake.schemas;

/** The kinds of party that send feeds. */
public enum SourceKind {
    BANK, CARRIER, POLICE, CASE_MANAGEMENT, REGULATOR, TRADING_CENTER
}
