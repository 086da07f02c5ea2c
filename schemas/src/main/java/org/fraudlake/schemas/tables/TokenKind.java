package org.fraudlake.schemas.tables;

/** The kinds of personal identifier that are pseudonymized, each with the prefix of its tokens. */
public enum TokenKind {
    /** {@code BANK:account_no}. */
    ACCOUNT("acc_"),
    PHONE("ph_"),
    /** National ID numbers and unified social credit codes. */
    ID("id_"),
    NAME("nm_"),
    IMEI("imei_");

    private final String prefix;

    TokenKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
