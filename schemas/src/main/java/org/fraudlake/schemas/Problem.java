package org.fraudlake.schemas;

/** Why a delivery is rejected or a row quarantined: stable codes for the ledger, the report and tests. */
public enum Problem {
    // whole delivery
    NO_MANIFEST, BAD_MANIFEST, MANIFEST_MISMATCH, MISSING_FILE, CHECKSUM_MISMATCH, ROW_COUNT_MISMATCH,
    MISSING_REQUIRED_COLUMN, DUPLICATE_COLUMN, MISSING_HEADER, UNREADABLE_FILE,
    /** A file or delivery over an ingest size limit (decompressed bytes, compression ratio). */
    TOO_LARGE,
    /** The source code is bound to another kind of partner than the feed's (the partner registry). */
    PARTNER_MISMATCH,
    /** A source code the partner registry does not know, while the registry is closed. */
    UNKNOWN_PARTNER,
    // one row
    MALFORMED_CSV, FIELD_COUNT, MISSING_VALUE, BAD_VALUE, BAD_ENUM, BAD_TIME, NOT_POSITIVE, NEGATIVE_VALUE,
    /** A field or record longer than the ingest limit. */
    TOO_LONG
}
